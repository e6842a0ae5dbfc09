-- f_zrm compared each assessment with the person's first one through a correlated subquery per
-- assessment and an index probe per domain: for the demo's 6 000 assessments 78 000 probes, about
-- a second on the embedded engine. The same columns now come from window passes over the scores:
-- the person's first assessment date, and per domain the score at that date (a domain the first
-- assessment did not score is compared with nothing, as before).
create or replace view f_zrm as
with d as (
  select z.gemeente_code, z.person_id, z.assessment_date, z.domain, z.score, z.moment, z.plan_id,
         case when min(z.assessment_date) over (partition by z.gemeente_code, z.person_id, z.domain)
                 = min(z.assessment_date) over (partition by z.gemeente_code, z.person_id)
              then first_value(z.score) over (partition by z.gemeente_code, z.person_id, z.domain order by z.assessment_date) end as first_score
    from zrm_assessment z
), a as (
  select gemeente_code, person_id, assessment_date, min(moment) as moment, min(plan_id) as plan_id,
         min(score) filter (where domain = 'financien') as financien,
         min(score) filter (where domain = 'huisvesting') as huisvesting,
         min(score) filter (where domain = 'werk_opleiding') as werk_opleiding,
         min(score) filter (where domain = 'tijdsbesteding') as tijdsbesteding,
         min(score) filter (where domain = 'sociaal_netwerk') as sociaal_netwerk,
         min(score) as lowest,
         count(*) filter (where score > first_score) as domains_up,
         count(*) filter (where score < first_score) as domains_down
    from d group by gemeente_code, person_id, assessment_date
)
select gemeente_code, person_id, assessment_date, moment, plan_id, financien, huisvesting, werk_opleiding, tijdsbesteding, sociaal_netwerk, lowest,
       rank() over (partition by gemeente_code, person_id order by assessment_date) as nth,
       domains_up, domains_down
  from a;
