-- Homicides and population summed over the Mexican border municipios for $year and the year before (one measure).
SELECT year,
       sum(homicides) AS homicides,
       sum(population) FILTER (WHERE homicides IS NOT NULL) AS population,
       count(*) AS places
FROM homicides
WHERE measure = $measure
  AND country = 'MX'
  AND geo_level = 'municipality'
  AND year IN ($year, $year - 1)
GROUP BY year
ORDER BY year
