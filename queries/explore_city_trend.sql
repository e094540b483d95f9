-- Yearly city homicide counts and populations for the cities $city_keys ('US:El Paso') from one $measure.
SELECT year,
       sum(homicides) AS homicides,
       sum(population) AS population,
       count(*) AS places,
       min(months) AS months
FROM homicides
WHERE measure = $measure
  AND geo_level = 'city'
  AND list_contains(CAST($city_keys AS VARCHAR[]), country || ':' || place)
GROUP BY year
ORDER BY year
