-- Top $limit places for one homicide measure and year by rate per 100,000 (by count where the source gives no rate), with at least $min_population residents, in the border region ($within_km: places whose municipio/county has most of its area within that distance of the line; 0 = all of the border states).
WITH picked AS (
    SELECT h.*,
           a.name AS state
    FROM homicides AS h
    LEFT JOIN admin1 AS a ON a.country = h.country AND a.code = h.state_code
    WHERE h.measure = $measure
      AND h.year = CAST($year AS INTEGER)
      AND (h.homicides IS NOT NULL OR h.rate_per_100k IS NOT NULL)
      AND (CAST($within_km AS INTEGER) = 0
           OR h.code IN (SELECT code FROM border_region WHERE within_km = CAST($within_km AS INTEGER) AND in_region))
      AND (h.population >= CAST($min_population AS BIGINT)
           OR (h.population IS NULL AND CAST($min_population AS BIGINT) <= 0))
)
SELECT rank() OVER (ORDER BY rate_per_100k DESC NULLS LAST, homicides DESC NULLS LAST) AS rank,
       CASE WHEN rate_per_100k IS NOT NULL THEN 'rate' ELSE 'count' END AS ranked_by,
       country,
       code,
       name,
       place,
       state_code,
       state,
       geo_level,
       year,
       period,
       homicides,
       population,
       rate_per_100k,
       measure,
       measure_detail,
       source,
       rate_basis,
       population_source,
       notes
FROM picked
ORDER BY rank, country, code, place, measure_detail
LIMIT CAST($limit AS INTEGER)
