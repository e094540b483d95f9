-- Mexican border-state totals under one measure by year: the source's total, the sum of its municipio rows, deaths with no municipio (unspecified_municipio), CONAPO state population and rate per 100,000.
SELECT country,
       state_code,
       state,
       year,
       measure,
       homicides,
       homicides_in_municipio_rows,
       homicides - homicides_in_municipio_rows AS not_in_municipio_rows,
       unspecified_municipio,
       population,
       rate_per_100k,
       rate_basis,
       population_source,
       source,
       notes
FROM homicides_state
WHERE measure = $measure
ORDER BY year, state_code
