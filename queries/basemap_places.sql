-- City labels for the basemap: places of at least $min_population people inside the view box.
SELECT name, country, admin1, pop_max, lon, lat
FROM places
WHERE pop_max >= $min_population
  AND lon BETWEEN $min_lon AND $max_lon
  AND lat BETWEEN $min_lat AND $max_lat
ORDER BY pop_max DESC, name
