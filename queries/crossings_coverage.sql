-- First and last month of the BTS crossings layer, and the measures it holds.
SELECT min(date) AS first_month,
       max(date) AS last_month,
       list(DISTINCT measure ORDER BY measure) AS measures
FROM crossings
