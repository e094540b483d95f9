-- Homicides and population summed over the Mexican municipios of the border region ($within_km: most of their area within that distance of the line; 0 = all six border states) for $year and the year before (one measure).
SELECT year,
       sum(homicides) AS homicides,
       sum(population) FILTER (WHERE homicides IS NOT NULL) AS population,
       count(*) AS places
FROM homicides
WHERE measure = $measure
  AND country = 'MX'
  AND geo_level = 'municipality'
  AND year IN ($year, $year - 1)
  AND (CAST($within_km AS INTEGER) = 0
       OR code IN (SELECT code FROM border_region WHERE within_km = CAST($within_km AS INTEGER) AND in_region))
GROUP BY year
ORDER BY year
