using MailStreams.Mail;

namespace MailStreams.Actors.Tests.Mail;

public sealed class MessageIdsTests
{
    [Theory]
    [InlineData("abc@x", "<abc@x>")]
    [InlineData("<abc@x>", "<abc@x>")]
    [InlineData("<<abc@x>>", "<abc@x>")]
    [InlineData("<abc@x> (comment)", "<abc@x>")]
    [InlineData("<abc>", "<abc>")]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("<>", null)]
    [InlineData(null, null)]
    public void Normalizes_one_id_to_one_pair_of_brackets(string? value, string? expected)
    {
        Assert.Equal(expected, MessageIds.Normalize(value));
    }

    [Theory]
    [InlineData("<a@x> <b@x>", new[] { "<a@x>", "<b@x>" })]
    [InlineData("<a@x>,<b@x>\r\n <a@x>", new[] { "<a@x>", "<b@x>" })]
    [InlineData("<<a@x>> junk <b@x>", new[] { "<a@x>", "<b@x>" })]
    [InlineData("a@x b@x (Alice's message)", new[] { "<a@x>", "<b@x>" })]
    [InlineData("just words", new string[0])]
    public void Parses_a_list_of_ids_in_order_without_duplicates(string value, string[] expected)
    {
        Assert.Equal(expected, MessageIds.ParseList(value));
    }
}
