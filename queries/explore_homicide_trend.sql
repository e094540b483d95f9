-- Yearly homicides and population summed over some places for one $measure: municipios/counties by code ($geo_level 'municipality') or cities by 'country:place' ($geo_level 'city'); only full years get a rate.
SELECT year,
       sum(homicides) AS homicides,
       sum(population) AS population,
       count(*) AS places,
       min(months) AS months
FROM homicides
WHERE measure = $measure
  AND geo_level = $geo_level
  AND list_contains(CAST($keys AS VARCHAR[]), CASE WHEN geo_level = 'city' THEN country || ':' || place ELSE code END)
GROUP BY year
ORDER BY year
