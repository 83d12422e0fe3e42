using MailStreams.Host.Daemon;
using MailStreams.Host.Secrets;
using MailStreams.Hosting;
using MailStreams.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MailStreams.Host.Tests.Secrets;

/// <summary>The daemon takes its secrets from a SOPS file, and refuses to start when the file does not open.</summary>
public sealed class EncryptedConfigurationTests : IDisposable
{
    private readonly AgeKeys _keys = new();
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task The_daemon_starts_with_the_values_of_an_encrypted_file_under_their_seed_names()
    {
        var (key, recipient) = _keys.New("server");
        var path = Path.Combine(_keys.Directory, "secrets.encrypted.yaml");
        var file = SecretsFile.New([recipient]);
        file.Set("RESEND_WEBHOOK_SECRET", "whsec_ZnJvbS10aGUtZmlsZS1zZWNyZXQ=");
        file.Set("MailStreams__AdminToken", "admin-from-the-file");
        file.Save(path, DateTimeOffset.UtcNow);

        await using var daemon = await Daemon.RunningDaemon.StartAsync(_data.Path, new Dictionary<string, string?>
        {
            [SecretsConfiguration.FileSetting] = path,
            [SecretsConfiguration.IdentitySetting] = key,
        });

        var options = daemon.Services.GetRequiredService<MailStreamsOptions>();
        Assert.Equal("whsec_ZnJvbS10aGUtZmlsZS1zZWNyZXQ=", options.Resend.WebhookSecret);
        Assert.Equal("admin-from-the-file", options.AdminToken);
    }

    [Fact]
    public void The_daemon_does_not_start_with_the_wrong_key_and_says_so()
    {
        var (_, recipient) = _keys.New("server");
        var (other, _) = _keys.New("other");
        var path = Path.Combine(_keys.Directory, "secrets.encrypted.yaml");
        var file = SecretsFile.New([recipient]);
        file.Set("RESEND_API_KEY", "re_x");
        file.Save(path, DateTimeOffset.UtcNow);

        var error = Assert.Throws<SecretsException>(() => DaemonApp.Build(new Dictionary<string, string?>
        {
            ["MailStreams:DataDirectory"] = _data.Path,
            [SecretsConfiguration.FileSetting] = path,
            [SecretsConfiguration.IdentitySetting] = other,
        }));
        Assert.Contains("wrong key", error.Message);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _data.Dispose();
    }
}
