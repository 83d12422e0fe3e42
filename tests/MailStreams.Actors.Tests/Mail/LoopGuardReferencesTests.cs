using MailStreams.Mail;

namespace MailStreams.Actors.Tests.Mail;

/// <summary>Mail answering one of our replies (its threading headers hold one of our Message-IDs) gets no reply.</summary>
public sealed class LoopGuardReferencesTests
{
    private readonly LoopGuard _guard = new(new LoopGuardOptions
    {
        Domains = ["example.com"],
        OwnMessageIdDomains = ["mailstreams.local", "send.example.com"],
    });

    private static Email Answering(string? inReplyTo = null, params string[] references) => new()
    {
        Id = "test",
        Source = "local",
        From = "Alice <alice@example.org>",
        To = ["reverser@example.com"],
        MessageId = "<a2@example.org>",
        InReplyTo = inReplyTo,
        References = references,
    };

    private string? ReasonFor(Email email) => (_guard.Check(email) as LoopVerdict.NoReply)?.Reason;

    [Fact]
    public void Does_not_reply_when_in_reply_to_names_one_of_our_replies()
    {
        Assert.Equal("references-own-reply: <0a1b2c@mailstreams.local>", ReasonFor(Answering("<0a1b2c@mailstreams.local>")));
    }

    [Fact]
    public void Does_not_reply_when_our_reply_is_anywhere_in_the_references_chain()
    {
        Assert.Equal("references-own-reply: <x9@SEND.example.com>",
            ReasonFor(Answering("<a1@example.org>", "<root@example.org>", "<x9@SEND.example.com>", "<a1@example.org>")));
    }

    [Fact]
    public void Replies_in_a_thread_that_holds_only_other_peoples_messages()
    {
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(Answering("<a1@example.org>", "<root@example.org>", "<a1@example.org>")));
    }

    [Fact]
    public void Reads_the_raw_headers_too_when_the_parsed_fields_are_empty()
    {
        var email = Answering() with { Headers = new Dictionary<string, string> { ["references"] = "<r@example.org> <k@mailstreams.local>" } };
        Assert.Equal("references-own-reply: <k@mailstreams.local>", ReasonFor(email));
    }

    [Fact]
    public void Its_own_message_id_on_our_id_domain_does_not_count()
    {
        var email = Answering() with { MessageId = "<local-send@mailstreams.local>" };
        Assert.Equal(LoopVerdict.Allowed, _guard.Check(email));
    }
}
