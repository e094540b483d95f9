-- Deployments active in $year (first_year <= year <= last_year; last_year NULL = end not known, kept and flagged open_ended after the start year) of $countries (['US','MX']; a 'US/MX' row matches either) in $states (state keys such as 'MX-08'; [] = everywhere, border-wide rows included). counts_in_total is false where an ancestor (parent_id chain) or the row that supersedes it is also in the selection: summing personnel over counts_in_total never counts a figure twice. geojson: simplified by $tolerance degrees; NULL = not drawn (border-wide or no coordinate).
WITH selected AS (
    SELECT *
    FROM deployments
    WHERE first_year <= CAST($year AS INTEGER)
      AND (last_year IS NULL OR last_year >= CAST($year AS INTEGER))
      AND list_has_any(string_split(country, '/'), CAST($countries AS VARCHAR[]))
      AND (len(CAST($states AS VARCHAR[])) = 0 OR list_contains(CAST($states AS VARCHAR[]), state_key))
),
chosen AS (SELECT list(deployment_id) AS ids FROM selected)
SELECT s.deployment_id,
       s.country,
       s.force,
       s.operation,
       s.scope,
       s.parent_id,
       s.is_child,
       s.superseded_by,
       s.start_date,
       s.start_precision,
       s.end_date,
       s.end_precision,
       s.end_status,
       s.period_label,
       s.last_year IS NULL AND s.first_year < CAST($year AS INTEGER) AS open_ended,
       s.personnel,
       s.personnel_note,
       NOT list_has_any(s.ancestor_ids, c.ids) AND NOT coalesce(list_contains(c.ids, s.superseded_by), false)
           AS counts_in_total,
       CASE
           WHEN list_has_any(s.ancestor_ids, c.ids)
               THEN 'inside ' || list_filter(s.ancestor_ids, a -> list_contains(c.ids, a))[1]
           WHEN list_contains(c.ids, s.superseded_by) THEN 'superseded by ' || s.superseded_by
       END AS not_counted_because,
       s.location,
       s.state_key,
       s.state_name,
       s.lon,
       s.lat,
       s.geometry_basis,
       s.sources,
       s.source_citations,
       s.confidence,
       s.tooltip,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(s.geometry, CAST($tolerance AS DOUBLE)), 0.001))
           AS geojson
FROM selected AS s, chosen AS c
ORDER BY s.country, s.start_date, s.deployment_id
