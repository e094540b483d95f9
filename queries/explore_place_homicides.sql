-- Municipio/county homicide rows for $year of the places $codes (the ones mostly inside the focus), every measure.
SELECT country, code, name, measure, homicides, population, rate_per_100k, period, months, rate_basis
FROM homicides
WHERE year = CAST($year AS INTEGER)
  AND geo_level = 'municipality'
  AND list_contains(CAST($codes AS VARCHAR[]), code)
ORDER BY measure, code
