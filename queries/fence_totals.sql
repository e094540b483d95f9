-- Fence length by type, each segment counted once (features repeating an earlier geometry are left out).
SELECT fence_type,
       count(*) AS segments,
       round(sum(length_km), 1) AS length_km
FROM fence
WHERE counted_in_totals
GROUP BY fence_type
ORDER BY length_km DESC
