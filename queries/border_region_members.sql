-- Counties and municipios in the border region of width $within_km (most of their area within that distance of the line), with their share inside and distance to the line.
SELECT country, code, name, state_code, share_in_zone, km_to_line
FROM border_region
WHERE within_km = CAST($within_km AS INTEGER)
  AND in_region
ORDER BY country, code
