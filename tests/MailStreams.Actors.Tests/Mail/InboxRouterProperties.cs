using CsCheck;
using MailStreams.Mail;

namespace MailStreams.Actors.Tests.Mail;

/// <summary>
/// The address router on arbitrary recipient strings (fixed iteration budget): it never throws, routes only to
/// lower-case names without a <c>+tag</c>, each the local part of a recipient on our domains.
/// </summary>
public sealed class InboxRouterProperties
{
    private static readonly string[] OurDomains = ["example.com"];
    private readonly InboxRouter _router = new(new InboxRouterOptions { Domains = OurDomains });

    private static readonly Gen<string> LocalPart = Gen.OneOf(
        Gen.String[Gen.Char["abcXYZ019.+-_\"\\ @<>,;:()"], 0, 20],
        Gen.Const("reverser"), Gen.Const("Reverser+tag"), Gen.Const("\"quoted+x\""), Gen.String);

    private static readonly Gen<string> Domain = Gen.OneOf(
        Gen.Const("example.com"), Gen.Const("EXAMPLE.COM."), Gen.Const("example.org"), Gen.Const("sub.example.com"),
        Gen.Const(""), Gen.String[Gen.Char["abc.-@"], 0, 12]);

    private static readonly Gen<string> Address = Gen.OneOf(
        Gen.Select(LocalPart, Domain, (l, d) => l + "@" + d),
        Gen.Select(Gen.String, LocalPart, Domain, (name, l, d) => $"{name} <{l}@{d}>"),
        Gen.String);

    [Fact]
    public void Routes_any_recipients_without_throwing_and_only_to_clean_names_on_our_domains()
    {
        Gen.Select(Address.Array[0, 4], Address.Array[0, 3]).Sample((to, cc) =>
        {
            var email = new Email { Id = "p", Source = "local", From = "alice@example.org", To = to, Cc = cc };
            var route = _router.Route(email);
            foreach (var inbox in route.Inboxes)
            {
                Assert.False(string.IsNullOrEmpty(inbox));
                Assert.Equal(inbox.ToLowerInvariant(), inbox);
                Assert.DoesNotContain('+', inbox);
                Assert.Contains(to.Concat(cc).SelectMany(MailAddresses.Parse), m =>
                    InboxRouter.IsOurDomain(m.Domain, OurDomains) && m.LocalPart.Split('+')[0].ToLowerInvariant() == inbox);
            }
        }, iter: 1000, threads: 1);
    }
}
