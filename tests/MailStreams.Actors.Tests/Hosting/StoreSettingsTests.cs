using MailStreams.Hosting;
using MailStreams.Store.Embedded;
using MailStreams.Store.S2;
using MailStreams.Testing;
using Microsoft.Extensions.Configuration;

namespace MailStreams.Actors.Tests.Hosting;

public sealed class StoreSettingsTests
{
    private static MailStreamsOptions Bind(params (string Variable, string Value)[] environment)
    {
        var values = environment.ToDictionary(e => e.Variable, e => e.Value);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(EnvironmentAliases.From(name => values.GetValueOrDefault(name)))
            .Build();
        return configuration.GetSection(MailStreamsOptions.Section).Get<MailStreamsOptions>() ?? new MailStreamsOptions();
    }

    [Fact]
    public void Without_an_S2_token_the_store_is_embedded()
    {
        Assert.Equal("embedded", Bind(("BASE_DOMAIN", "mail.example.com")).Store.ResolveBackend());
    }

    [Fact]
    public void An_S2_access_token_selects_S2_and_the_basin_defaults_to_the_domain_with_dots_as_hyphens()
    {
        var options = Bind(("S2_ACCESS_TOKEN", "tok"), ("BASE_DOMAIN", "Mail.Example.com, other.org"));
        Assert.Equal("s2", options.Store.ResolveBackend());
        Assert.Equal("tok", options.Store.S2.AccessToken);
        Assert.Equal("mail-example-com", S2Settings.BasinFor(options.Store.S2.Basin, options.PrimaryDomain));
        Assert.Equal(S2Settings.CloudEndpoint, options.Store.S2.Endpoint);
        Assert.False(options.Store.S2.IsSingleEndpoint);
        Assert.Null(options.Store.S2.Retention);
    }

    [Fact]
    public void S2_BASIN_and_S2_ENDPOINT_override_the_defaults_and_a_custom_endpoint_is_a_single_endpoint()
    {
        var options = Bind(("S2_ACCESS_TOKEN", "tok"), ("S2_BASIN", "my-basin"), ("S2_ENDPOINT", "http://127.0.0.1:8025/s2/v1"));
        Assert.Equal("my-basin", S2Settings.BasinFor(options.Store.S2.Basin, options.PrimaryDomain));
        Assert.True(options.Store.S2.IsSingleEndpoint);
    }

    [Fact]
    public void Backend_embedded_wins_over_a_token_and_an_unknown_backend_is_a_clear_error()
    {
        Assert.Equal("embedded", new StoreSettings { Backend = "Embedded", S2 = { AccessToken = "tok" } }.ResolveBackend());
        var error = Assert.Throws<InvalidOperationException>(() => new StoreSettings { Backend = "postgres-ish" }.ResolveBackend());
        Assert.Contains("'postgres-ish'", error.Message);
    }

    [Theory]
    [InlineData("ab", "https://{basin}.b.s2.dev/v1", "not valid")]
    [InlineData("Mail_Basin", "https://{basin}.b.s2.dev/v1", "not valid")]
    [InlineData("good-basin", "not a url", "not an http(s) URL")]
    [InlineData("good-basin", "ftp://127.0.0.1/v1", "not an http(s) URL")]
    public void A_bad_basin_or_endpoint_is_refused_with_what_to_set(string basin, string endpoint, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new S2StreamStore(new S2Settings { Endpoint = endpoint }, basin));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void The_factory_makes_the_selected_store()
    {
        using var data = new TempDirectory();
        using var embedded = (SqliteStreamStore)StreamStoreFactory.Create(new MailStreamsOptions { DataDirectory = data.Path });
        using var s2 = (S2StreamStore)StreamStoreFactory.Create(new MailStreamsOptions { Store = { Backend = "s2" } });
        Assert.StartsWith(data.Path, embedded.DatabasePath);
    }
}
