-- Basemap polygons of one layer ('countries', 'admin1' or 'urban_areas'), clipped to the view box and simplified, as GeoJSON.
WITH box AS (SELECT ST_MakeEnvelope($min_lon, $min_lat, $max_lon, $max_lat) AS g),
shapes AS (
    SELECT 'countries' AS layer, country, name, geometry FROM countries
    UNION ALL SELECT 'admin1', country, name, geometry FROM admin1
    UNION ALL SELECT 'urban_areas', NULL, NULL, geometry FROM urban_areas
)
SELECT country,
       name,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(ST_Intersection(shapes.geometry, box.g), $tolerance), 0.001)) AS geojson
FROM shapes, box
WHERE shapes.layer = $layer
  AND ST_Intersects(shapes.geometry, box.g)
ORDER BY country NULLS LAST, name NULLS LAST
