-- City-level homicide rows for $year of the cities $city_keys ('US:El Paso'; those whose point lies in the focus buffer): the only US homicide figures the atlas holds.
SELECT country, code, place, measure, homicides, population, rate_per_100k, source, period
FROM homicides
WHERE year = CAST($year AS INTEGER)
  AND geo_level = 'city'
  AND list_contains(CAST($city_keys AS VARCHAR[]), country || ':' || place)
ORDER BY country DESC, measure, place
