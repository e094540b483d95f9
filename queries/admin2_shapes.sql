-- Border-state counties and municipios as simplified GeoJSON (geometry only changes with a rebuild), with state names.
SELECT a.country,
       a.code,
       a.name,
       a.state_code,
       s.name AS state_name,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(a.geometry, $tolerance), 0.001)) AS geojson
FROM admin2 AS a
LEFT JOIN admin1 AS s ON s.country = a.country AND s.code = a.state_code
ORDER BY a.country, a.code
