using RadEquity.Data.Model;
using RadEquity.Web.Features.Coalition.Community;

namespace RadEquity.Web.Tests.Features.Coalition.Community;

public sealed class DiscussionArrangeTests
{
    [Fact]
    public void Arrange_DeepChain_DepthFirstAndCappedIndentation()
    {
        // A chain of seven replies, each answering the one before, plus a second answer to the topic.
        var chain = Enumerable.Range(1, 7).Select(i => Reply(i, i == 1 ? null : i - 1)).Append(Reply(8, null)).ToList();

        var arranged = Discussion.Arrange(chain, showHidden: false);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], arranged.Select(r => r.Row.Id));
        Assert.Equal([0, 1, 2, 3, 4, 4, 4, 0], arranged.Select(r => r.Depth));
        Assert.Equal("author-6", arranged[6].InReplyTo);
        Assert.Null(arranged[7].InReplyTo);
    }

    [Fact]
    public void Arrange_HiddenReply_LeftOutForMembersItsAnswersMoveUp_KeptForModerators()
    {
        var replies = new List<DiscussionReplyRow> { Reply(1, null, hidden: true), Reply(2, 1), Reply(3, 2) };

        var member = Discussion.Arrange(replies, showHidden: false);
        var moderator = Discussion.Arrange(replies, showHidden: true);

        Assert.Equal([2, 3], member.Select(r => r.Row.Id));
        Assert.Equal([0, 1], member.Select(r => r.Depth));
        Assert.Null(member[0].InReplyTo);
        Assert.Equal([1, 2, 3], moderator.Select(r => r.Row.Id));
        Assert.Equal([0, 1, 2], moderator.Select(r => r.Depth));
    }

    private static DiscussionReplyRow Reply(long id, long? parent, bool hidden = false) => new()
    {
        Id = id,
        TopicId = 1,
        ParentId = parent,
        AuthorName = "author-" + id,
        Body = "reply " + id,
        IsHidden = hidden,
        CreatedAt = DateTimeOffset.UnixEpoch.AddMinutes(id),
    };
}
