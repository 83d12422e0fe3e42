using MailStreams.Store.Embedded;


namespace MailStreams.Actors.Tests.Store.Embedded;

public sealed class SqliteRecordReaderTests
{
    [Theory]
    [InlineData("inbox/", "inbox0")]
    [InlineData("a%", "a&")]
    [InlineData("a\uD7FF", "a\uE000")]
    [InlineData("a\uFFFF", "a\U00010000")]
    [InlineData("a\U0001F600", "a\U0001F601")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("a\U0010FFFF\U0010FFFF", "b")]
    public void The_prefix_upper_bound_is_the_next_string_in_code_point_order(string prefix, string upper) =>
        Assert.Equal(upper, SqliteRecordReader.PrefixUpperBound(prefix));

    [Theory]
    [InlineData("")]
    [InlineData("\U0010FFFF")]
    public void A_prefix_with_nothing_above_it_has_no_upper_bound(string prefix) =>
        Assert.Null(SqliteRecordReader.PrefixUpperBound(prefix));
}
