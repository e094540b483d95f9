-- Years with data for one homicide measure: how many places have a count and a rate, and which months the year covers.
SELECT year,
       count(*) AS places,
       count(homicides) AS places_with_count,
       count(rate_per_100k) AS places_with_rate,
       min(months) AS min_months,
       max(months) AS max_months,
       string_agg(DISTINCT period, ', ' ORDER BY period) AS periods
FROM homicides
WHERE measure = $measure
  AND year IS NOT NULL
  AND (homicides IS NOT NULL OR rate_per_100k IS NOT NULL)
GROUP BY year
ORDER BY year
