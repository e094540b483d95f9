-- Southwest land border encounters of the chosen components in the latest 12 months the layer holds and in the 12 months before, with each period's first and last month.
WITH latest AS (
    SELECT max(date) AS last_month FROM sw_encounters
)
SELECT
    sum(encounters) FILTER (WHERE date > last_month - INTERVAL 12 MONTH)::BIGINT AS last_12,
    sum(encounters) FILTER (WHERE date <= last_month - INTERVAL 12 MONTH
                              AND date > last_month - INTERVAL 24 MONTH)::BIGINT AS previous_12,
    count(DISTINCT date) FILTER (WHERE date > last_month - INTERVAL 12 MONTH)::INTEGER AS months_last,
    count(DISTINCT date) FILTER (WHERE date <= last_month - INTERVAL 12 MONTH
                                   AND date > last_month - INTERVAL 24 MONTH)::INTEGER AS months_previous,
    CAST(last_month - INTERVAL 11 MONTH AS DATE) AS last_start,
    last_month AS last_end,
    CAST(last_month - INTERVAL 23 MONTH AS DATE) AS previous_start,
    CAST(last_month - INTERVAL 12 MONTH AS DATE) AS previous_end
FROM sw_encounters, latest
WHERE list_contains(CAST($components AS VARCHAR[]), component)
GROUP BY last_month
