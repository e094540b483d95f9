-- Yearly INEGI deaths by homicide (year of occurrence) and CONAPO mid-year population of the listed municipios ($codes) from $first_year to $last_year; NULL = no figure.
SELECT code AS unit,
       year,
       homicides::BIGINT AS homicides,
       population::BIGINT AS population
FROM homicides
WHERE list_contains(CAST($codes AS VARCHAR[]), code)
  AND measure = 'inegi_occurrence'
  AND geo_level = 'municipality'
  AND year BETWEEN CAST($first_year AS INTEGER) AND CAST($last_year AS INTEGER)
ORDER BY year, code
