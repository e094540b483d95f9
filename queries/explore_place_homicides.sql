-- Every year of every homicide measure for the municipios/counties $codes (the places a focus buffer touches).
SELECT country, code, name, year, measure, homicides, population, rate_per_100k, period, months
FROM homicides
WHERE geo_level = 'municipality'
  AND list_contains(CAST($codes AS VARCHAR[]), code)
ORDER BY measure, year, code
