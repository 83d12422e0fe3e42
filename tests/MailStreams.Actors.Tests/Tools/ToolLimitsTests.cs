using MailStreams.Tools;

namespace MailStreams.Actors.Tests.Tools;

public sealed class ToolLimitsTests
{
    [Fact]
    public void The_defaults_are_valid_and_set_every_limit()
    {
        var limits = ToolLimits.Default.Validate();
        Assert.Equal(TimeSpan.FromSeconds(2), limits.Timeout);
        Assert.Equal(256, limits.RecursionDepth);
        Assert.Equal(64L * 1024 * 1024, limits.MemoryBytes);
        Assert.True(limits.MaxStatements > 0);
    }

    [Fact]
    public void Every_unusable_value_is_reported_at_once()
    {
        var limits = new ToolLimits { Timeout = TimeSpan.Zero, MaxStatements = 0, MemoryBytes = 1024, RecursionDepth = 0 };
        var error = Assert.Throws<ArgumentException>(() => limits.Validate());
        Assert.Equal(4, limits.Problems().Count);
        foreach (var name in new[] { "Timeout", "MaxStatements", "MemoryBytes", "RecursionDepth" }) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void A_recursion_limit_beyond_what_the_tool_threads_absorb_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ToolInvoker(new ToolLimits { RecursionDepth = 1_000_000 }));
}
