using MailStreams.Host.Secrets;

namespace MailStreams.Host.Tests.Secrets;

/// <summary>SOPS files written and read by MailStreams: round trip, several recipients, wrong keys and tampering.</summary>
public sealed class SecretsFileTests : IDisposable
{
    private readonly AgeKeys _keys = new();

    [Theory]
    [InlineData("secrets.encrypted.yaml")]
    [InlineData("secrets.encrypted.json")]
    public void Values_written_encrypted_read_back_the_same(string name)
    {
        var (key, recipient) = _keys.New("me");
        var path = Path.Combine(_keys.Directory, name);
        var file = SecretsFile.New([recipient]);
        file.Set("RESEND_API_KEY", "re_123 with spaces");
        file.Set("MailStreams:Resend:WebhookSecret", "whsec_äöü 😀");
        file.Save(path, DateTimeOffset.UtcNow);

        var text = File.ReadAllText(path);
        Assert.Contains("ENC[AES256_GCM,data:", text);
        Assert.DoesNotContain("re_123", text);
        using var identity = _keys.Identity(key);
        var read = SecretsFile.Open(path, identity);
        Assert.Equal("re_123 with spaces", read.Get("RESEND_API_KEY"));
        Assert.Equal("whsec_äöü 😀", read.Get("MailStreams:Resend:WebhookSecret"));
    }

    [Fact]
    public void Each_recipient_alone_decrypts_and_any_other_key_is_refused_as_the_wrong_key()
    {
        var (laptop, laptopRecipient) = _keys.New("laptop");
        var (server, serverRecipient) = _keys.New("server");
        var (stranger, _) = _keys.New("stranger");
        var path = Save(laptopRecipient, ("TOKEN", "s3cret"));
        using (var identity = _keys.Identity(laptop))
        {
            var file = SecretsFile.Open(path, identity);
            Assert.True(file.AddRecipient(serverRecipient));
            Assert.False(file.AddRecipient(serverRecipient));
            file.Save(path, DateTimeOffset.UtcNow);
        }

        foreach (var key in new[] { laptop, server })
        {
            using var identity = _keys.Identity(key);
            Assert.Equal("s3cret", SecretsFile.Open(path, identity).Get("TOKEN"));
        }
        using var wrong = _keys.Identity(stranger);
        var error = Assert.Throws<SecretsException>(() => SecretsFile.Open(path, wrong));
        Assert.Contains("wrong key", error.Message);
    }

    [Fact]
    public void A_changed_value_does_not_decrypt()
    {
        var (key, recipient) = _keys.New("me");
        var path = Save(recipient, ("TOKEN", "a fairly long secret value"));
        var text = File.ReadAllText(path);
        var at = text.IndexOf("data:", StringComparison.Ordinal) + 5;
        File.WriteAllText(path, text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);

        using var identity = _keys.Identity(key);
        var error = Assert.Throws<SecretsException>(() => SecretsFile.Open(path, identity));
        Assert.Contains("TOKEN", error.Message);
        Assert.Contains("does not decrypt", error.Message);
    }

    [Fact]
    public void Values_swapped_between_names_do_not_decrypt_because_the_path_is_authenticated()
    {
        var (key, recipient) = _keys.New("me");
        var path = Save(recipient, ("A", "first"), ("B", "second"));
        var lines = File.ReadAllLines(path);
        var a = Array.FindIndex(lines, l => l.StartsWith("A: "));
        var b = Array.FindIndex(lines, l => l.StartsWith("B: "));
        (lines[a], lines[b]) = ("A: " + lines[b][3..], "B: " + lines[a][3..]);
        File.WriteAllLines(path, lines);

        using var identity = _keys.Identity(key);
        Assert.Contains("does not decrypt", Assert.Throws<SecretsException>(() => SecretsFile.Open(path, identity)).Message);
    }

    [Fact]
    public void A_removed_value_is_caught_by_the_mac()
    {
        var (key, recipient) = _keys.New("me");
        var path = Save(recipient, ("A", "first"), ("B", "second"));
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("B: ")));

        using var identity = _keys.Identity(key);
        Assert.Contains("MAC mismatch", Assert.Throws<SecretsException>(() => SecretsFile.Open(path, identity)).Message);
    }

    [Fact]
    public void A_changed_lastmodified_is_caught_by_the_mac()
    {
        var (key, recipient) = _keys.New("me");
        var path = Save(recipient, ("A", "first"));
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.TrimStart().StartsWith("lastmodified:") ? "  lastmodified: \"2020-01-01T00:00:00Z\"" : l));

        using var identity = _keys.Identity(key);
        Assert.Contains("MAC", Assert.Throws<SecretsException>(() => SecretsFile.Open(path, identity)).Message);
    }

    private string Save(string recipient, params (string Key, string Value)[] values)
    {
        var path = Path.Combine(_keys.Directory, $"{Guid.NewGuid():N}.yaml");
        var file = SecretsFile.New([recipient]);
        foreach (var (k, v) in values) file.Set(k, v);
        file.Save(path, DateTimeOffset.UtcNow);
        return path;
    }

    public void Dispose() => _keys.Dispose();
}
