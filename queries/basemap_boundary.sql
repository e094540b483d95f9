-- The US–Mexico boundary line as GeoJSON, simplified for the overview scale.
SELECT name, ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(geometry, $tolerance), 0.001)) AS geojson
FROM boundary
