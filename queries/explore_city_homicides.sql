-- Every year of the city-level homicide rows of the cities $city_keys ('US:El Paso'; those whose point lies in the focus buffer): the only US homicide figures the atlas holds.
SELECT country, code, place, year, measure, homicides, population, rate_per_100k, source, period, months
FROM homicides
WHERE geo_level = 'city'
  AND list_contains(CAST($city_keys AS VARCHAR[]), country || ':' || place)
ORDER BY country DESC, measure, place, year
