using EdgeTwin.Core.Configuration;
using EdgeTwin.Twin.Events;
using EdgeTwin.Twin.Maintenance;

namespace EdgeTwin.Twin.Tests;

public sealed class MaintenanceTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private static readonly MaintenanceConfig Config = new()
    {
        Types = new Dictionary<string, MaintenanceCost> { ["pump"] = new(TimeSpan.FromHours(2), 800, "EUR") },
    };

    private static MaintenanceInput Input(double minutes, double? probability, double? rul, bool anomalous = false, (double, double)? interval = null, IReadOnlyList<PropertyTrend>? trends = null) =>
        new(T0.AddMinutes(minutes), probability, TimeSpan.FromHours(48), rul, interval ?? (rul is { } r ? (r * 0.9, r * 1.1) : null), anomalous, anomalous ? (9, 5) : null,
            anomalous ? [("vibration", 0.6), ("current", 0.3)] : [], trends ?? []);

    private static (MaintenanceAdvisor Advisor, List<TwinEvent> Events) Make(MaintenanceConfig? config = null) =>
        (new MaintenanceAdvisor("pump1", "pump", config ?? Config), new List<TwinEvent>());

    [Fact]
    public void Nothing_is_recommended_below_the_levels()
    {
        var (advisor, events) = Make();
        advisor.Evaluate(Input(0, 0.3, 200), events);
        advisor.Evaluate(Input(1, 0.69, 48.5), events);
        Assert.Null(advisor.Current);
        Assert.Empty(events);
    }

    [Fact]
    public void A_crossed_probability_level_recommends_scheduling_within_48_h_with_downtime_cost_and_evidence()
    {
        var (advisor, events) = Make();
        var rising = new PropertyTrend("vibration", "mm/s", 0.8, 0.24, TimeSpan.FromHours(1), 0.9);
        var noisy = new PropertyTrend("pressure", "bar", 0.01, 0.01, TimeSpan.FromHours(1), 0.05);
        advisor.Evaluate(Input(0, 0.82, 120, trends: [rising, noisy]), events);

        var r = Assert.IsType<MaintenanceRecommendation>(advisor.Current);
        Assert.Equal(MaintenancePriority.Medium, r.Priority);
        Assert.Equal(RecommendationState.Open, r.State);
        Assert.Equal(T0.AddHours(48), r.WindowEnd);
        Assert.Equal(TimeSpan.FromHours(2), r.Downtime);
        Assert.Equal(800, r.Cost);
        Assert.Equal(0.82, r.Confidence, 3);
        Assert.Equal(["failureProbability", "trend"], r.Evidence.Select(e => e.Kind));
        Assert.Equal("vibration", r.Evidence[1].Property);
        Assert.StartsWith("medium: schedule maintenance on pump1 within 48 h, expected downtime 2 h, cost 800 EUR, because failure probability 0.82 within 48 h", r.Summary, StringComparison.Ordinal);
        Assert.Contains("vibration rising 0.8 mm/s per h (+24 % over 1 h)", r.Summary, StringComparison.Ordinal);
        var e = Assert.Single(events);
        Assert.Equal("maintenanceRecommended", e.Type);
        Assert.Equal("medium", e.Fields["priority"]);
    }

    [Fact]
    public void Priority_follows_the_levels_and_the_window_shrinks_to_the_pessimistic_end_of_life()
    {
        var (advisor, events) = Make();
        advisor.Evaluate(Input(0, 0.5, 40, interval: (30, 50)), events);
        Assert.Equal(MaintenancePriority.Medium, advisor.Current!.Priority);
        Assert.Equal(T0.AddHours(28), advisor.Current.WindowEnd);          // 30 h low bound minus 2 h downtime, before the 48 h window ends
        Assert.Equal("rul", Assert.Single(advisor.Current.Evidence).Kind);
    }

    [Fact]
    public void Both_levels_give_high_and_a_critical_rul_gives_critical_at_once()
    {
        var (advisor, events) = Make();
        advisor.Evaluate(Input(0, 0.9, 60), events);
        Assert.Equal(MaintenancePriority.Medium, advisor.Current!.Priority);
        advisor.Evaluate(Input(1, 0.9, 40, interval: (36, 44)), events);
        Assert.Equal(MaintenancePriority.High, advisor.Current!.Priority);
        Assert.Equal(T0.AddMinutes(1).AddHours(34), advisor.Current.WindowEnd);   // 36 h low bound minus 2 h downtime
        advisor.Evaluate(Input(2, 0.99, 10, interval: (9, 11)), events);
        Assert.Equal(MaintenancePriority.Critical, advisor.Current!.Priority);
        Assert.Equal(T0.AddMinutes(2).AddHours(7), advisor.Current.WindowEnd);    // 9 h - 2 h, inside the 12 h critical window
        Assert.Equal(["maintenanceRecommended", "maintenanceUpdated", "maintenanceUpdated"], events.Select(e => e.Type));
        Assert.Equal("high", events[2].Fields["previousPriority"]);
        Assert.Single(events.Select(e => e.Fields["recommendation"]).Distinct());   // one recommendation escalated
    }

    [Fact]
    public void A_noisy_probability_around_the_level_does_not_flap()
    {
        var (advisor, events) = Make();
        var random = new Random(7);
        for (var minute = 0; minute < 600; minute++)
        {
            // 0.62..0.78 around the 0.7 level, within the hysteresis band once raised.
            advisor.Evaluate(Input(minute, 0.7 + (random.NextDouble() - 0.5) * 0.16, 200), events);
        }

        Assert.Equal("maintenanceRecommended", Assert.Single(events).Type);
        Assert.Equal(MaintenancePriority.Medium, advisor.Current!.Priority);
    }

    [Fact]
    public void A_lower_priority_waits_for_the_minimum_dwell_and_a_short_dip_does_not_clear()
    {
        var (advisor, events) = Make();
        advisor.Evaluate(Input(0, 0.9, 100), events);
        advisor.Evaluate(Input(5, 0.1, 100), events);                // gone for 5 min: held (dwell 10 min)
        advisor.Evaluate(Input(9, 0.1, 100), events);
        advisor.Evaluate(Input(10, 0.9, 100), events);               // back before the dwell ends
        advisor.Evaluate(Input(19, 0.1, 100), events);
        advisor.Evaluate(Input(28, 0.1, 100), events);               // only 9 min below
        Assert.NotNull(advisor.Current);
        Assert.Single(events);
        advisor.Evaluate(Input(29, 0.1, 100), events);               // 10 min below
        Assert.Null(advisor.Current);
        Assert.Equal(["maintenanceRecommended", "maintenanceCleared"], events.Select(e => e.Type));
        Assert.Equal(RecommendationState.Cleared, advisor.Last!.State);
    }

    [Fact]
    public void Acknowledge_and_close_by_command_and_a_closed_recommendation_returns_only_when_worse_or_anew()
    {
        var (advisor, events) = Make();
        Assert.False(advisor.Acknowledge(T0, "op", events));
        advisor.Evaluate(Input(0, 0.8, 100), events);
        Assert.True(advisor.Acknowledge(T0.AddMinutes(1), "op", events));
        Assert.False(advisor.Acknowledge(T0.AddMinutes(2), "op", events));
        Assert.Equal(RecommendationState.Acknowledged, advisor.Current!.State);
        Assert.Equal(("op", T0.AddMinutes(1)), advisor.Current.Acknowledged);

        Assert.True(advisor.Close(T0.AddMinutes(3), "tech", "bearing replaced", events));
        Assert.Null(advisor.Current);
        Assert.Equal(RecommendationState.Closed, advisor.Last!.State);
        Assert.Equal("bearing replaced", advisor.Last.Closed!.Value.Note);

        // The same risk does not reopen it...
        advisor.Evaluate(Input(4, 0.8, 100), events);
        Assert.Null(advisor.Current);
        // ...a higher one does,
        advisor.Evaluate(Input(5, 0.8, 30), events);
        Assert.Equal(MaintenancePriority.High, advisor.Current!.Priority);
        var second = advisor.Current.Id;
        advisor.Close(T0.AddMinutes(6), "tech", null, events);

        // ...and so does the risk coming back after it cleared.
        for (var m = 7; m <= 40; m++)
        {
            advisor.Evaluate(Input(m, 0.05, 500), events);
        }

        Assert.Equal(MaintenancePriority.None, advisor.Held);
        advisor.Evaluate(Input(41, 0.9, 500), events);
        Assert.NotNull(advisor.Current);
        Assert.NotEqual(second, advisor.Current!.Id);
        Assert.Equal(
            ["maintenanceRecommended", "maintenanceAcknowledged", "maintenanceClosed", "maintenanceRecommended", "maintenanceClosed", "maintenanceRecommended"],
            events.Select(e => e.Type));
    }

    [Fact]
    public void An_anomaly_alone_recommends_an_inspection_naming_its_contributions()
    {
        var (advisor, events) = Make();
        advisor.Evaluate(Input(0, 0.1, 500, anomalous: true), events);
        var r = advisor.Current!;
        Assert.Equal(MaintenancePriority.Low, r.Priority);
        Assert.Equal(T0.AddHours(4 * 48), r.WindowEnd);
        Assert.Equal(["vibration", "current"], r.Evidence.Where(e => e.Kind == "anomaly").Select(e => e.Property));
        Assert.Equal(9.0 / 14, r.Confidence, 3);
        Assert.StartsWith("low: inspect pump1 at the next planned stop", r.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Confidence_is_the_chance_that_the_rul_is_really_below_the_level()
    {
        var (sure, e1) = Make();
        sure.Evaluate(Input(0, null, 20, interval: (18, 22)), e1);
        Assert.True(sure.Current!.Confidence > 0.99, $"{sure.Current.Confidence}");

        var (unsure, e2) = Make();
        unsure.Evaluate(Input(0, null, 47.9, interval: (30, 66)), e2);
        Assert.InRange(unsure.Current!.Confidence, 0.45, 0.55);
    }

    [Fact]
    public void Plan_groups_up_to_max_down_assets_per_window_and_says_what_it_saves()
    {
        MaintenanceRecommendation R(string asset, double dueHours, double downtimeHours, MaintenancePriority p = MaintenancePriority.Medium) => new()
        {
            Id = asset, Asset = asset, AssetType = "pump", Priority = p, Opened = T0, Changed = T0, WindowStart = T0,
            WindowEnd = T0.AddHours(dueHours), Downtime = TimeSpan.FromHours(downtimeHours), Cost = 100,
        };
        var recs = new[] { R("p3", 100, 1), R("p1", 10, 2), R("p2", 48, 3), R("p4", 1, 4, MaintenancePriority.Critical) };

        var plan = MaintenancePlanner.Plan(recs, 2, T0);
        Assert.Equal(2, plan.Windows.Count);
        Assert.Equal(["p4", "p1"], plan.Windows[0].Assets);
        Assert.Equal(["p2", "p3"], plan.Windows[1].Assets);
        Assert.Equal(TimeSpan.FromHours(4), plan.Windows[0].Duration);
        Assert.Equal(T0.AddHours(4), plan.Windows[1].Start);
        Assert.Equal(["p4"], plan.Windows[0].Late);                 // due in 1 h, needs 4 h
        Assert.Equal(2, plan.StopsSaved);
        Assert.Equal(TimeSpan.FromHours(10), plan.SeparateDowntime);
        Assert.Equal(TimeSpan.FromHours(7), plan.PlannedDowntime);
        Assert.Equal(TimeSpan.FromHours(3), plan.DowntimeSaved);
        Assert.Equal(400, plan.Cost);

        var single = MaintenancePlanner.Plan(recs, 1, T0);
        Assert.Equal(4, single.Windows.Count);
        Assert.Equal(0, single.StopsSaved);
        Assert.Equal(TimeSpan.Zero, single.DowntimeSaved);
    }

    [Fact]
    public void A_plan_is_the_same_work_whatever_the_time_of_planning_until_the_work_or_a_deadline_changes()
    {
        MaintenanceRecommendation R(string asset, double dueHours, MaintenancePriority p = MaintenancePriority.Medium) => new()
        {
            Id = asset, Asset = asset, AssetType = "pump", Priority = p, Opened = T0, Changed = T0, WindowStart = T0,
            WindowEnd = T0.AddHours(dueHours), Downtime = TimeSpan.FromHours(2), Cost = 100,
        };
        var recs = new List<MaintenanceRecommendation> { R("p1", 10), R("p2", 48) };
        var plan = MaintenancePlanner.Plan(recs, 2, T0);

        Assert.True(plan.SameAs(MaintenancePlanner.Plan(recs, 2, T0.AddMinutes(10))));       // later starts, same work
        Assert.False(plan.SameAs(MaintenancePlanner.Plan(recs, 1, T0)));                      // other constraint
        Assert.False(plan.SameAs(MaintenancePlanner.Plan([.. recs, R("p3", 20)], 2, T0)));   // more work
        Assert.False(plan.SameAs(MaintenancePlanner.Plan([R("p1", 5, MaintenancePriority.High), recs[1]], 2, T0)));  // escalated: earlier deadline
        Assert.True(plan.SameAs(MaintenancePlanner.Plan([recs[0], R("p2", 24, MaintenancePriority.High)], 2, T0)));    // still due after p1: same window
        Assert.False(plan.SameAs(MaintenancePlanner.Plan(recs, 2, T0.AddHours(9))));          // now too late for p1's window
        Assert.False(plan.SameAs(MaintenancePlanner.Plan([], 2, T0)));                        // no work: the empty plan
        Assert.True(MaintenancePlanner.Plan([], 2, T0).SameAs(MaintenancePlanner.Plan([], 2, T0.AddDays(1))));
        Assert.False(plan.SameAs(MaintenancePlanner.Plan([recs[0] with { State = RecommendationState.Closed }, recs[1]], 2, T0)));
    }

    [Fact]
    public void Trend_of_a_line_is_its_slope_and_change()
    {
        var points = Enumerable.Range(0, 61).Select(i => (T0.AddMinutes(i), 10 + 2.0 * i / 60)).ToList();
        var trend = PropertyTrend.Of("vibration", "mm/s", points, T0)!;
        Assert.Equal(2.0, trend.SlopePerHour, 6);
        Assert.Equal(2.0 / 11, trend.Change, 6);                   // +2 over 1 h around a mean of 11
        Assert.Equal(1.0, trend.Strength, 6);
        Assert.Null(PropertyTrend.Of("vibration", null, points.Take(5).ToList(), T0));
    }
}
