-- Simplified GeoJSON outlines of the counties/municipios $codes, with a representative point (a click on a place re-centres the explorer there).
SELECT country,
       code,
       name,
       ST_X(ST_PointOnSurface(geometry)) AS lon,
       ST_Y(ST_PointOnSurface(geometry)) AS lat,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(geometry, $tolerance), 0.001)) AS geojson
FROM admin2
WHERE list_contains(CAST($codes AS VARCHAR[]), code)
ORDER BY code
