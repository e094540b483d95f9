-- Per year, the two sides of twin-city pair $pair_id: Mexican municipio ($mx_measure) and US city ($us_measure), each with its own measure, and the MX/US rate ratio where both rates exist (NULL otherwise).
WITH pair AS (
    SELECT * FROM twin_cities WHERE pair_id = $pair_id
),
mx AS (
    SELECT h.year, h.measure, h.measure_detail, h.period, h.homicides, h.population, h.rate_per_100k,
           h.rate_basis, h.source, h.notes
    FROM homicides AS h
    JOIN pair AS p ON h.country = 'MX' AND h.code = p.mx_code
    WHERE h.measure = $mx_measure
      AND h.geo_level = 'municipality'
      AND h.year IS NOT NULL
),
us AS (
    SELECT h.year, h.measure, h.measure_detail, h.period, h.homicides, h.population, h.rate_per_100k,
           h.rate_basis, h.source, h.notes
    FROM homicides AS h
    JOIN pair AS p ON h.country = 'US' AND h.geo_level = 'city' AND h.place = p.us_city
                  AND h.state_code = p.us_state_code
    WHERE h.measure = $us_measure
      AND h.year IS NOT NULL
),
years AS (
    SELECT year FROM mx
    UNION
    SELECT year FROM us
)
SELECT p.pair_id,
       y.year,
       p.mx_city,
       p.mx_code,
       CAST($mx_measure AS VARCHAR) AS mx_measure,
       mx.measure_detail AS mx_measure_detail,
       mx.period AS mx_period,
       mx.homicides AS mx_homicides,
       mx.population AS mx_population,
       mx.rate_per_100k AS mx_rate_per_100k,
       mx.rate_basis AS mx_rate_basis,
       mx.source AS mx_source,
       mx.notes AS mx_notes,
       p.us_city,
       p.us_state,
       CAST($us_measure AS VARCHAR) AS us_measure,
       us.measure_detail AS us_measure_detail,
       us.period AS us_period,
       us.homicides AS us_homicides,
       us.population AS us_population,
       us.rate_per_100k AS us_rate_per_100k,
       us.rate_basis AS us_rate_basis,
       us.source AS us_source,
       us.notes AS us_notes,
       CASE WHEN mx.rate_per_100k IS NOT NULL AND us.rate_per_100k > 0
            THEN mx.rate_per_100k / us.rate_per_100k END AS rate_ratio_mx_us
FROM years AS y
CROSS JOIN pair AS p
LEFT JOIN mx ON mx.year = y.year
LEFT JOIN us ON us.year = y.year
ORDER BY y.year
