-- One row per county/municipio outline for one homicide measure and year: a municipio with no outline of its own (San Quintín, San Felipe) is summed into its parent's (map_code) and the parts are named (guests: the names of those drawn with the outline's own place, NULL when none; the note saying so is written where it is shown); NULL = no data.
WITH picked AS (
    SELECT *
    FROM homicides
    WHERE measure = $measure
      AND year = CAST($year AS INTEGER)
      AND geo_level IN ('municipality', 'county')
      AND map_code IS NOT NULL
),
outline AS (
    SELECT p.country,
           p.map_code AS code,
           any_value(a.name) AS name,
           any_value(p.geo_level) AS geo_level,
           any_value(p.state_code) AS state_code,
           count(*) AS parts,
           string_agg(p.name || ' (' || p.code || ')', ' + ' ORDER BY p.code) AS drawn_places,
           list(p.name ORDER BY p.code) FILTER (WHERE p.code <> p.map_code) AS guests,
           min(p.period) AS period,
           min(p.months) AS months,
           CASE WHEN count(*) = count(p.homicides) THEN CAST(sum(p.homicides) AS BIGINT) END AS homicides,
           CASE WHEN count(*) = count(p.population) THEN CAST(sum(p.population) AS BIGINT) END AS population,
           CASE WHEN count(*) = 1 THEN any_value(p.rate_per_100k)
                WHEN count(*) = count(p.rate_per_100k)
                THEN sum(p.homicides) / sum(p.population) * 100000 END AS rate_per_100k,
           any_value(p.rate_basis) AS single_basis,
           count(DISTINCT p.rate_basis) AS bases,
           any_value(p.source) AS source,
           any_value(p.measure) AS measure,
           any_value(p.measure_detail) AS measure_detail
    FROM picked AS p
    LEFT JOIN admin2 AS a ON a.country = p.country AND a.code = p.map_code
    GROUP BY p.country, p.map_code
)
SELECT country,
       code,
       name,
       geo_level,
       state_code,
       CAST($year AS INTEGER) AS year,
       period,
       months,
       homicides,
       population,
       rate_per_100k,
       CASE WHEN parts = 1 OR (rate_per_100k IS NULL AND bases = 1) THEN single_basis
            WHEN rate_per_100k IS NULL THEN 'no rate: a part of this outline has no rate (' || drawn_places || ')'
            ELSE 'computed for the outline: homicides of ' || drawn_places || ' / their CONAPO mid-year populations, '
                 || 'summed, x 100,000' END AS rate_basis,
       source,
       measure,
       measure_detail,
       parts,
       drawn_places,
       CASE WHEN len(guests) > 0 THEN guests END AS guests
FROM outline
ORDER BY country, code
