using SshDoctor.Logs.Bulk;

namespace SshDoctor.Tests.Logs;

/// <summary>The hours counted aside are added when another hour comes or the counts are read, and the bound leaves out only new hours.</summary>
public class HourCountsTests
{
    private static LogTime At(int day, int hour, int minute) => new(new DateTime(2026, 12, day, hour, minute, 7), null);

    [Fact]
    public void Failures_are_counted_by_the_start_of_their_hour_whichever_order_the_hours_come_in()
    {
        var hours = new HourCounts();
        hours.Add(At(5, 10, 1), 1);
        hours.Add(At(5, 10, 59), 2);
        hours.Add(At(5, 9, 30), 4);
        hours.Add(At(5, 10, 30), 8);

        Assert.Equal(
            [KeyValuePair.Create(new DateTime(2026, 12, 5, 9, 0, 0), 4L), KeyValuePair.Create(new DateTime(2026, 12, 5, 10, 0, 0), 11L)],
            hours.Entries);

        // Read while an hour is pending, then counted on: nothing is lost or added twice.
        hours.Add(At(5, 10, 31), 16);
        Assert.Equal(2, hours.Count);
        Assert.Equal(27L, hours.Entries[new DateTime(2026, 12, 5, 10, 0, 0)]);

        hours.Clear();
        Assert.Empty(hours.Entries);
    }

    [Fact]
    public void Past_the_bound_a_new_hour_is_left_out_and_a_known_one_still_counts()
    {
        var hours = new HourCounts(maxHours: 2);
        hours.Add(At(1, 0, 0), 1);
        hours.Add(At(1, 1, 0), 1);
        hours.Add(At(1, 2, 0), 1);
        hours.Add(At(1, 0, 5), 1);

        Assert.Equal([new DateTime(2026, 12, 1, 0, 0, 0), new DateTime(2026, 12, 1, 1, 0, 0)], hours.Entries.Keys);
        Assert.Equal(2L, hours.Entries[new DateTime(2026, 12, 1, 0, 0, 0)]);
    }
}
