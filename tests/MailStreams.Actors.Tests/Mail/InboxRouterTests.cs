using MailStreams.Mail;
using MailStreams.Testing;

namespace MailStreams.Actors.Tests.Mail;

public sealed class InboxRouterTests
{
    private static readonly string[] OurDomains = ["example.com", "mail.example.net"];
    private readonly InboxRouter _router = new(new InboxRouterOptions { Domains = OurDomains });

    private static Email EmailTo(string[]? to = null, string[]? cc = null, string[]? bcc = null, string[]? receivedFor = null) => new()
    {
        Id = "test",
        Source = "local",
        From = "alice@example.org",
        To = to ?? [],
        Cc = cc ?? [],
        Bcc = bcc ?? [],
        ReceivedFor = receivedFor ?? [],
    };

    [Theory]
    [InlineData("reverser@example.com", "reverser")]
    [InlineData("Reverser@EXAMPLE.com", "reverser")]
    [InlineData("Reverser+x@example.com", "reverser")]
    [InlineData("reverser+a+b@example.com", "reverser")]
    [InlineData("Some Name <Reverser+news@Example.Com>", "reverser")]
    [InlineData("\"Doe, John\" <echo@example.com>", "echo")]
    [InlineData("\"Reverser\"@example.com", "reverser")]
    [InlineData("\"re verser\"@example.com", "re verser")]
    [InlineData("\"re\\\"v\"@example.com", "re\"v")]
    [InlineData("first.last@mail.example.net", "first.last")]
    [InlineData("reverser@example.com.", "reverser")]
    public void Names_the_inbox_after_the_local_part(string address, string inbox)
    {
        Assert.Equal(inbox, InboxRouter.InboxNameOf(address, OurDomains));
    }

    [Theory]
    [InlineData("reverser@example.org")]
    [InlineData("reverser@sub.example.com")]
    [InlineData("reverser@example.com.evil.org")]
    [InlineData("+tag@example.com")]
    [InlineData("\"a/b\"@example.com")]
    [InlineData("\"a\u0001b\"@example.com")]
    [InlineData("\"   \"@example.com")]
    [InlineData("not an address")]
    [InlineData("<>")]
    [InlineData("@@")]
    [InlineData("")]
    public void Has_no_inbox_for_other_domains_and_unusable_names(string address)
    {
        Assert.Null(InboxRouter.InboxNameOf(address, OurDomains));
    }

    [Fact]
    public void Rejects_inbox_names_longer_than_64_characters()
    {
        Assert.Equal(new string('a', 64), InboxRouter.InboxNameOf(new string('a', 64) + "@example.com", OurDomains));
        Assert.Null(InboxRouter.InboxNameOf(new string('a', 65) + "@example.com", OurDomains));
    }

    [Fact]
    public void Routes_to_cc_bcc_and_received_for_recipients()
    {
        var route = _router.Route(EmailTo(
            to: ["bob@example.org"], cc: ["echo@example.com"], bcc: ["Hidden <secret@example.com>"], receivedFor: ["envelope@mail.example.net"]));

        Assert.Equal(["echo", "secret", "envelope"], route.Inboxes);
        Assert.Equal(["bob@example.org"], route.Foreign);
    }

    [Fact]
    public void Collapses_duplicate_recipients_of_one_inbox()
    {
        var route = _router.Route(EmailTo(
            to: ["reverser@example.com", "Reverser+a@Example.com"], cc: ["\"Reverser\"@example.com"], receivedFor: ["reverser@example.com"]));

        Assert.Equal(["reverser"], route.Inboxes);
    }

    [Fact]
    public void Gives_one_name_per_inbox_when_two_of_ours_are_addressed()
    {
        var route = _router.Route(EmailTo(to: ["reverser@example.com, Echo <echo@example.com>"]));

        Assert.Equal(["reverser", "echo"], route.Inboxes);
    }

    [Fact]
    public void Skips_garbage_and_keeps_the_good_addresses()
    {
        var route = _router.Route(EmailTo(
            to: ["<<<", "reverser@example.com, garbage<<", "", "   "], cc: ["@@@", "team: echo@example.com, carol@example.org;"]));

        Assert.Equal(["reverser", "echo"], route.Inboxes);
        Assert.Equal(["carol@example.org"], route.Foreign);
    }

    [Fact]
    public void Routes_nothing_when_no_recipient_is_ours()
    {
        var route = _router.Route(EmailTo(to: ["bob@example.org", "BOB@example.org"], cc: ["carol@example.org"]));

        Assert.Empty(route.Inboxes);
        Assert.Equal(["bob@example.org", "carol@example.org"], route.Foreign);
    }

    [Fact]
    public void Routes_a_parsed_fixture_with_a_quoted_duplicate()
    {
        var email = new MimeEmailParser(new FixedClock()).Parse(TestFiles.FixtureBytes("references.eml"), "smtp", []);

        Assert.Equal(["reverser"], _router.Route(email).Inboxes);
    }

    [Fact]
    public void Routes_the_cc_of_a_mailing_list_message()
    {
        var email = new MimeEmailParser(new FixedClock()).Parse(TestFiles.FixtureBytes("mailing-list.eml"), "smtp", []);

        var route = _router.Route(email);

        Assert.Equal(["reverser"], route.Inboxes);
        Assert.Equal(["dev@lists.example.org"], route.Foreign);
    }
}
