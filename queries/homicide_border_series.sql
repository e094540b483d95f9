-- The six Mexican border states combined, by series and year: INEGI deaths by registration and by occurrence (state totals, which keep deaths with no municipio row) and SESNSP crimes (sum of municipio rows); rate per 100,000 on CONAPO, NULL for a part year.
WITH inegi AS (
    SELECT 'homicides_state' AS layer,
           measure,
           year,
           sum(homicides) AS homicides,
           sum(population) AS population,
           12 AS months,
           count(*) AS states
    FROM homicides_state
    GROUP BY measure, year
),
crimes AS (
    SELECT 'homicides' AS layer,
           measure,
           year,
           sum(homicides) AS homicides,
           sum(population) FILTER (WHERE homicides IS NOT NULL) AS population,
           min(months) AS months,
           count(DISTINCT state_code) AS states
    FROM homicides
    WHERE measure = 'sesnsp_intentional'
      AND country = 'MX'
      AND geo_level = 'municipality'
    GROUP BY measure, year
)
SELECT layer,
       measure,
       year,
       CAST(homicides AS BIGINT) AS homicides,
       CAST(population AS BIGINT) AS population,
       months,
       states,
       CASE WHEN months = 12 THEN homicides / population * 100000 END AS rate_per_100k
FROM (SELECT * FROM inegi UNION ALL SELECT * FROM crimes)
ORDER BY measure, year
