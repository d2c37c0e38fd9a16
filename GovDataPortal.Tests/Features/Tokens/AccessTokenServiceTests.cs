using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Tokens;

public class AccessTokenServiceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Issuing_stores_only_the_hash_and_writes_a_token_issued_record()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");

        var issued = await scope.Get<AccessTokenService>().IssueAsync("报表脚本", null);

        await using var db = await portal.DbAsync();
        var row = await db.PersonalAccessTokens.SingleAsync(t => t.Id == issued.Id);
        Assert.Equal(PersonalAccessToken.Hash(issued.Secret), row.TokenHash);
        Assert.Equal(issued.Secret[..12], row.DisplayPrefix);
        Assert.StartsWith(PersonalAccessToken.SecretPrefix, issued.Secret);
        // Nowhere in the stored row, nor in the audit log, is the secret itself.
        Assert.Equal(0, await db.Database.SqlQuery<int>(
            $"SELECT COUNT(*)::int AS \"Value\" FROM personal_access_tokens t WHERE strpos(row_to_json(t)::text, {issued.Secret}) > 0").SingleAsync());
        Assert.Equal(0, await db.Database.SqlQuery<int>(
            $"SELECT COUNT(*)::int AS \"Value\" FROM audit_records t WHERE strpos(row_to_json(t)::text, {issued.Secret}) > 0").SingleAsync());
        var record = Assert.Single(await portal.AuditAsync(AuditActions.TokenIssued), a => a.EntityId == issued.Id.ToString());
        Assert.Equal("zhangwei", record.UserName);
    }

    [Fact]
    public async Task Revoking_writes_a_token_revoked_record_and_the_list_shows_it_revoked()
    {
        await using var scope = await portal.ScopeAsAsync("lina");
        var tokens = scope.Get<AccessTokenService>();
        var issued = await tokens.IssueAsync("临时", portal.Clock.GetUtcNow().AddDays(7));

        Assert.True(await tokens.RevokeAsync(issued.Id));
        Assert.True(await tokens.RevokeAsync(issued.Id)); // twice: no second record

        var listed = (await tokens.ListMineAsync()).Single(t => t.Id == issued.Id);
        Assert.Equal(("已撤销", portal.Clock.GetUtcNow()), (listed.Status, listed.RevokedAt!.Value));
        Assert.Single(await portal.AuditAsync(AuditActions.TokenRevoked), a => a.EntityId == issued.Id.ToString());
    }

    [Fact]
    public async Task Revoking_someone_elses_token_is_refused_and_changes_nothing()
    {
        Guid id;
        await using (var owner = await portal.ScopeAsAsync("liuyang"))
            id = (await owner.Get<AccessTokenService>().IssueAsync("刘洋的令牌", null)).Id;
        await using var other = await portal.ScopeAsAsync("chenjing");

        await Assert.ThrowsAsync<AccessDeniedException>(() => other.Get<AccessTokenService>().RevokeAsync(id));

        await using var db = await portal.DbAsync();
        Assert.Null((await db.PersonalAccessTokens.SingleAsync(t => t.Id == id)).RevokedAt);
    }

    [Theory]
    [InlineData("", 1, "name")]
    [InlineData("   ", null, "name")]
    [InlineData("合法名称", 0, "expiresAt")]
    [InlineData("合法名称", -3, "expiresAt")]
    [InlineData("合法名称", 367, "expiresAt")]
    public async Task Bad_input_is_refused_on_its_field(string name, int? days, string field)
    {
        await using var scope = await portal.ScopeAsAsync("wangqiang");
        DateTimeOffset? expiresAt = days is { } d ? portal.Clock.GetUtcNow().AddDays(d) : null;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.Get<AccessTokenService>().IssueAsync(name, expiresAt));

        Assert.Equal([field], refused.Errors.ByField.Keys);
    }

    [Fact]
    public async Task A_name_of_fifty_characters_is_accepted_and_fifty_one_refused()
    {
        await using var scope = await portal.ScopeAsAsync("zhoutao");
        var tokens = scope.Get<AccessTokenService>();

        await tokens.IssueAsync(new string('名', 50), null);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => tokens.IssueAsync(new string('名', 51), null));

        Assert.Equal("令牌名称不能超过50个字符。", refused.Errors.ByField["name"].Single());
    }

    [Fact]
    public async Task Pages_of_my_tokens_are_newest_first_counted_and_cut_by_the_database_and_hold_only_mine()
    {
        await using var other = await portal.ScopeAsAsync("zhaomin");
        await other.Get<AccessTokenService>().IssueAsync("别人的令牌", null);
        await using var scope = await portal.ScopeAsAsync("security");
        var tokens = scope.Get<AccessTokenService>();
        foreach (var name in new[] { "一号", "二号", "三号" })
        {
            await tokens.IssueAsync(name, null);
            portal.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await tokens.PageMineAsync(0, 2);
        var second = await tokens.PageMineAsync(2, 2);

        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal(["三号", "二号", "一号"], first.Items.Concat(second.Items).Select(t => t.Name));
        Assert.All(first.Items, t => Assert.Equal("有效", t.Status));
    }

    [Fact]
    public async Task At_most_ten_active_tokens_and_a_revoked_one_frees_a_place()
    {
        await using var scope = await portal.ScopeAsAsync("yangfan");
        var tokens = scope.Get<AccessTokenService>();
        var ids = new List<Guid>();
        for (var i = 1; i <= 10; i++) ids.Add((await tokens.IssueAsync($"令牌{i}", null)).Id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => tokens.IssueAsync("第十一个", null));
        Assert.Contains("最多持有10个有效访问令牌", refused.Message);

        await tokens.RevokeAsync(ids[0]);
        await tokens.IssueAsync("第十一个", null);
        Assert.Equal(10, (await tokens.ListMineAsync()).Count(t => t.IsActive));
    }

    [Fact]
    public async Task The_operator_command_issues_for_a_named_user_and_audits_it_as_the_operator()
    {
        var zhangwei = await portal.UserIdAsync("zhangwei");
        await using var scope = portal.AnonymousScope();

        var issued = await scope.Get<AccessTokenService>().IssueForUserNameAsync("zhangwei", "运维签发", 30);

        await using var db = await portal.DbAsync();
        var row = await db.PersonalAccessTokens.SingleAsync(t => t.Id == issued.Id);
        Assert.Equal((zhangwei, "运维签发"), (row.UserId, row.Name));
        Assert.Equal(portal.Clock.GetUtcNow().AddDays(30), row.ExpiresAt);
        var record = Assert.Single(await portal.AuditAsync(AuditActions.TokenIssued), a => a.EntityId == issued.Id.ToString());
        Assert.Equal("operator-cli", record.UserName);
    }

    [Fact]
    public async Task The_operator_command_refuses_an_unknown_user()
    {
        await using var scope = portal.AnonymousScope();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            scope.Get<AccessTokenService>().IssueForUserNameAsync("nobody", "x", null));

        Assert.Equal("用户不存在", refused.Message);
    }

    [Fact]
    public async Task A_token_without_a_chosen_expiry_expires_after_the_default_ninety_days()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");

        var issued = await scope.Get<AccessTokenService>().IssueAsync("默认有效期", null);

        await using var db = await portal.DbAsync();
        var row = await db.PersonalAccessTokens.SingleAsync(t => t.Id == issued.Id);
        Assert.Equal(portal.Clock.GetUtcNow().AddDays(90), row.ExpiresAt);
    }

    [Fact]
    public async Task A_principal_authenticated_by_a_token_cannot_issue_a_token()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var actor = scope.Get<CurrentActor>();
        var identity = (System.Security.Claims.ClaimsIdentity)actor.Principal.Identity!;
        identity.AddClaim(new(PersonalAccessTokenHandler.TokenIdClaim, Guid.NewGuid().ToString()));

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<AccessTokenService>().IssueAsync("令牌签发令牌", null));

        Assert.Equal(AccessTokenService.TokenCannotIssueMessage, refused.Message);
    }

    [Fact]
    public async Task The_operator_command_refuses_more_than_a_year_and_a_lifetime_of_zero_days()
    {
        await using var scope = portal.AnonymousScope();
        var tokens = scope.Get<AccessTokenService>();

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => tokens.IssueForUserNameAsync("zhangwei", "超期", 366));
        var none = await Assert.ThrowsAsync<ValidationFailedException>(() => tokens.IssueForUserNameAsync("zhangwei", "零天", 0));
        var huge = await Assert.ThrowsAsync<ValidationFailedException>(() => tokens.IssueForUserNameAsync("zhangwei", "极大", int.MaxValue));

        Assert.Equal("访问令牌有效期最长为一年。", tooLong.Errors.ByField["expiresAt"].Single());
        Assert.Equal("到期时间必须晚于当前时间。", none.Errors.ByField["expiresAt"].Single());
        Assert.Equal("访问令牌有效期最长为一年。", huge.Errors.ByField["expiresAt"].Single());
    }

    [Fact]
    public async Task Issuing_without_signing_in_is_refused()
    {
        await using var scope = portal.AnonymousScope();

        await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<AccessTokenService>().IssueAsync("匿名", null));
    }
}
