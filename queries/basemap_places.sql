-- City labels for the basemap: places of at least $min_population people inside the view box, with their
-- distance to the US–Mexico line (planar degrees: enough to tell border cities from the rest).
SELECT p.name, p.country, p.admin1, p.pop_max, p.scalerank, p.lon, p.lat,
       ST_Distance(p.geometry, (SELECT ST_Union_Agg(geometry) FROM boundary)) AS border_degrees
FROM places AS p
WHERE p.pop_max >= $min_population
  AND p.lon BETWEEN $min_lon AND $max_lon
  AND p.lat BETWEEN $min_lat AND $max_lat
ORDER BY p.pop_max DESC, p.name
