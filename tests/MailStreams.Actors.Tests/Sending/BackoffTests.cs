using MailStreams.Sending;

namespace MailStreams.Actors.Tests.Sending;

public sealed class BackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Doubles_the_ceiling_per_attempt_until_the_cap()
    {
        var backoff = new Backoff(Second, TimeSpan.FromSeconds(30));
        Assert.Equal(
            new[] { 1, 2, 4, 8, 16, 30, 30 }.Select(s => TimeSpan.FromSeconds(s)),
            Enumerable.Range(1, 7).Select(backoff.Ceiling));
    }

    [Fact]
    public void Keeps_every_delay_between_half_the_ceiling_and_the_ceiling()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), new Random(7));
        for (var attempt = 1; attempt <= 20; attempt++)
        for (var i = 0; i < 50; i++)
        {
            var delay = backoff.Delay(attempt);
            var ceiling = backoff.Ceiling(attempt);
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Jitters_delays_of_the_same_attempt()
    {
        var backoff = new Backoff(Second, TimeSpan.FromHours(1), new Random(1));
        var delays = Enumerable.Range(0, 20).Select(_ => backoff.Delay(5)).Distinct().Count();
        Assert.True(delays > 10, $"only {delays} distinct delays out of 20");
    }

    [Fact]
    public void Gives_the_same_delays_for_the_same_seed()
    {
        var a = new Backoff(Second, TimeSpan.FromHours(1), new Random(42));
        var b = new Backoff(Second, TimeSpan.FromHours(1), new Random(42));
        Assert.Equal(Enumerable.Range(1, 10).Select(a.Delay), Enumerable.Range(1, 10).Select(b.Delay));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    public void Stays_within_base_and_cap_for_extreme_attempts(int attempt)
    {
        var backoff = new Backoff(Second, TimeSpan.FromMinutes(10));
        Assert.InRange(backoff.Delay(attempt), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Refuses_a_zero_base_or_a_cap_below_the_base()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.Zero, Second));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(Second, TimeSpan.FromMilliseconds(10)));
    }
}
