-- Yearly homicides and population summed over the municipios/counties $codes for one $measure (full years only get a rate).
SELECT year,
       sum(homicides) AS homicides,
       sum(population) AS population,
       count(*) AS places,
       min(months) AS months
FROM homicides
WHERE measure = $measure
  AND geo_level = 'municipality'
  AND list_contains(CAST($codes AS VARCHAR[]), code)
GROUP BY year
ORDER BY year
