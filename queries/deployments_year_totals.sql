-- Personnel per country for deployments active in $year in $countries and $states (as deployments_active_year), counting each figure once (no row with a selected ancestor or successor); open_ended_* = the part that is only active because its end date is not known; rows_without_figure = counted rows with no personnel figure (a gap, not zero).
WITH selected AS (
    SELECT *
    FROM deployments
    WHERE first_year <= CAST($year AS INTEGER)
      AND (last_year IS NULL OR last_year >= CAST($year AS INTEGER))
      AND list_has_any(string_split(country, '/'), CAST($countries AS VARCHAR[]))
      AND (len(CAST($states AS VARCHAR[])) = 0 OR list_contains(CAST($states AS VARCHAR[]), state_key))
),
chosen AS (SELECT list(deployment_id) AS ids FROM selected),
counted AS (
    SELECT s.*, s.last_year IS NULL AND s.first_year < CAST($year AS INTEGER) AS open_ended
    FROM selected AS s, chosen AS c
    WHERE NOT list_has_any(s.ancestor_ids, c.ids) AND NOT coalesce(list_contains(c.ids, s.superseded_by), false)
)
SELECT country,
       CAST(sum(personnel) AS BIGINT) AS personnel_total,
       count(*) AS rows_counted,
       count(*) FILTER (WHERE personnel IS NULL) AS rows_without_figure,
       count(*) FILTER (WHERE open_ended) AS open_ended_rows,
       CAST(sum(personnel) FILTER (WHERE open_ended) AS BIGINT) AS open_ended_personnel,
       string_agg(deployment_id, ', ' ORDER BY deployment_id) AS deployment_ids
FROM counted
GROUP BY country
ORDER BY country
