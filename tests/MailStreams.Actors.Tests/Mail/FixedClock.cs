namespace MailStreams.Actors.Tests.Mail;

/// <summary>A clock stopped at one instant, so parsed emails are comparable.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Instant = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public FixedClock() : this(Instant) { }

    public override DateTimeOffset GetUtcNow() => now;
}
