-- First and last year with a figure for each homicide measure and country (places, then state totals), and the months the last year covers.
SELECT 'homicides' AS layer,
       measure,
       country,
       min(year) AS first_year,
       max(year) AS last_year,
       arg_max(period, year) AS last_period
FROM homicides
WHERE year IS NOT NULL
  AND (homicides IS NOT NULL OR rate_per_100k IS NOT NULL)
GROUP BY measure, country
UNION ALL
SELECT 'homicides_state' AS layer,
       measure,
       country,
       min(year) AS first_year,
       max(year) AS last_year,
       NULL AS last_period
FROM homicides_state
WHERE homicides IS NOT NULL
GROUP BY measure, country
ORDER BY layer, measure, country
