using MailStreams.Mail;

namespace MailStreams.Actors.Tests.Mail;

public sealed class ReplyBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);

    private static ReplyBudgetEntry Reply(string key, int minute, string sender = "alice@example.org", string? thread = null) =>
        new(key, Start.AddMinutes(minute), sender, thread ?? "<" + key + "@example.org>");

    [Fact]
    public void Refuses_the_reply_over_the_per_sender_budget_and_says_why()
    {
        var budget = new ReplyBudget(TimeSpan.FromHours(1), perSender: 2, perThread: 0);

        Assert.Null(budget.TryTake(Reply("k1", 0)));
        Assert.Null(budget.TryTake(Reply("k2", 1)));
        Assert.Equal("reply-budget: 2 replies to alice@example.org within 1 h", budget.TryTake(Reply("k3", 2)));
        Assert.Null(budget.TryTake(Reply("k4", 3, sender: "bob@example.org")));
    }

    [Fact]
    public void Refuses_the_reply_over_the_per_thread_budget()
    {
        var budget = new ReplyBudget(TimeSpan.FromMinutes(10), perSender: 0, perThread: 1);

        Assert.Null(budget.TryTake(Reply("k1", 0, thread: "<root@x>")));
        Assert.Equal("reply-budget: 1 replies in thread <root@x> within 10 min", budget.TryTake(Reply("k2", 1, sender: "bob@x", thread: "<root@x>")));
    }

    [Fact]
    public void Frees_the_budget_when_replies_leave_the_window()
    {
        var budget = new ReplyBudget(TimeSpan.FromMinutes(30), perSender: 1, perThread: 0);

        Assert.Null(budget.TryTake(Reply("k1", 0)));
        Assert.NotNull(budget.TryTake(Reply("k2", 29)));
        Assert.Null(budget.TryTake(Reply("k3", 30)));
    }

    [Fact]
    public void Judges_a_key_it_already_counted_as_before_so_a_record_processed_again_after_a_crash_is_not_refused()
    {
        var budget = new ReplyBudget(TimeSpan.FromHours(1), perSender: 1, perThread: 1);
        budget.Remember(Reply("inbox/reverser:7", 0));

        Assert.Null(budget.TryTake(Reply("inbox/reverser:7", 1)));
        Assert.NotNull(budget.TryTake(Reply("inbox/reverser:8", 1)));
    }

    [Fact]
    public void A_budget_of_zero_is_no_limit()
    {
        var budget = new ReplyBudget(TimeSpan.FromHours(1), perSender: 0, perThread: 0);

        for (var i = 0; i < 100; i++) Assert.Null(budget.TryTake(Reply("k" + i, 0, thread: "<same@x>")));
    }

    [Fact]
    public void Takes_the_recipient_and_the_thread_root_from_the_reply()
    {
        var reply = new OutboundEmail
        {
            From = "Reverser <reverser@example.com>",
            To = ["Alice <Alice@Example.org>"],
            Subject = "Re: x",
            Headers = new Dictionary<string, string> { ["In-Reply-To"] = "<b@x>", ["References"] = "<root@x> <b@x>" },
        };

        var entry = ReplyBudgetEntry.Of("k", Start, reply);

        Assert.Equal("alice@example.org", entry.Sender);
        Assert.Equal("<root@x>", entry.Thread);
    }
}
