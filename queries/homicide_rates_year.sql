-- Every row of one homicide measure and year with at least $min_population residents (0 also keeps rows with no population), highest rate first; NULL = no data.
SELECT country,
       code,
       name,
       place,
       state_code,
       geo_level,
       year,
       period,
       months,
       homicides,
       population,
       rate_per_100k,
       measure,
       measure_detail,
       rate_basis,
       population_source,
       source,
       confidence,
       listed_in_source,
       notes,
       lon,
       lat,
       point_source,
       map_code
FROM homicides
WHERE measure = $measure
  AND year = CAST($year AS INTEGER)
  AND (population >= CAST($min_population AS BIGINT)
       OR (population IS NULL AND CAST($min_population AS BIGINT) <= 0))
ORDER BY rate_per_100k DESC NULLS LAST, homicides DESC NULLS LAST, country, code, place, measure_detail
