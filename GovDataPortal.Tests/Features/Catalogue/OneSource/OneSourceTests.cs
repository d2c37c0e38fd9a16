using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>一数一源 (shuangpai Art. 18, 20(1)): duplicate detection across providers, naming the authoritative source, and what the entry page and the editor are told.</summary>
public class OneSourceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(bool includeDecided = false)
    {
        await using var scope = await portal.ScopeAsAsync("zhaomin");
        return await scope.Get<OneSourceService>().CandidatesAsync(includeDecided);
    }

    [Fact]
    public async Task Same_name_and_type_of_different_providers_is_a_candidate_but_another_type_or_the_same_provider_is_not()
    {
        await portal.PublishedAsync(DemoAccounts.Police, "户籍人口信息A", ("婚姻状况代码", ItemDataType.C), ("学历", ItemDataType.C));
        await portal.PublishedAsync(DemoAccounts.Market, "企业法人信息A", ("婚姻状况代码", ItemDataType.C), ("学历", ItemDataType.N));
        await portal.PublishedAsync(DemoAccounts.HumanResources, "参保人员信息A", ("职业资格等级", ItemDataType.C));
        await portal.PublishedAsync(DemoAccounts.HumanResources, "就业人员信息A", ("职业资格等级", ItemDataType.C));

        var candidates = await CandidatesAsync();

        var marriage = Assert.Single(candidates, c => c.ItemName == "婚姻状况代码");
        Assert.Equal(ItemDataType.C, marriage.DataType);
        Assert.Equal(new[] { DemoAccounts.Police, DemoAccounts.Market }.Order(), marriage.Providers.Select(p => p.DepartmentName).Order());
        Assert.DoesNotContain(candidates, c => c.ItemName == "学历");       // C and N are different items
        Assert.DoesNotContain(candidates, c => c.ItemName == "职业资格等级"); // one provider, two entries
    }

    [Fact]
    public async Task The_authority_names_a_source_which_leaves_the_candidates_and_warns_other_providers_editors()
    {
        await portal.PublishedAsync(DemoAccounts.Police, "人口信息B", ("死亡日期", ItemDataType.D));
        await portal.PublishedAsync(DemoAccounts.HumanResources, "参保信息B", ("死亡日期", ItemDataType.D));
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var hr = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);

        await using (var specialist = await portal.ScopeAsAsync("zhangwei"))
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                specialist.Get<OneSourceService>().NameAsync("死亡日期", ItemDataType.D, police, null));
        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
            await scope.Get<OneSourceService>().NameAsync("死亡日期", ItemDataType.D, police, "以户籍登记为准。");

        Assert.DoesNotContain(await CandidatesAsync(), c => c.ItemName == "死亡日期");
        var decided = Assert.Single(await CandidatesAsync(includeDecided: true), c => c.ItemName == "死亡日期");
        Assert.Equal(DemoAccounts.Police, decided.Authoritative!.DepartmentName);

        await using var read = await portal.ScopeAsAsync("yangfan");
        var service = read.Get<OneSourceService>();
        var sources = await service.AuthoritativeSourcesForAsync([("死亡日期", ItemDataType.D), ("死亡日期", ItemDataType.C)]);
        Assert.Equal(DemoAccounts.Police, sources[("死亡日期", ItemDataType.D)]);
        Assert.False(sources.ContainsKey(("死亡日期", ItemDataType.C)));

        var items = new List<CatalogueItemContent> { new() { Name = "死亡日期", DataType = ItemDataType.D }, new() { Name = "姓名", DataType = ItemDataType.C } };
        var warning = Assert.Single(await service.DuplicatesOfAuthoritativeAsync(hr, items));
        Assert.StartsWith($"信息项“死亡日期”已由{DemoAccounts.Police}作为权威来源，请确认是否重复采集（一数一源，依据《", warning);
        Assert.Contains("第十八条", warning);
        Assert.Empty(await service.DuplicatesOfAuthoritativeAsync(police, items)); // the source itself is no duplicate
    }

    [Fact]
    public async Task The_authority_may_change_its_decision_later_and_the_change_is_audited()
    {
        await portal.PublishedAsync(DemoAccounts.Police, "人口信息C", ("户籍地址", ItemDataType.C));
        await portal.PublishedAsync(DemoAccounts.Market, "个体户信息C", ("户籍地址", ItemDataType.C));
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
        {
            var service = scope.Get<OneSourceService>();
            await service.NameAsync("户籍地址", ItemDataType.C, market, null);
            await service.NameAsync("户籍地址", ItemDataType.C, police, "改由公安局提供。");
            var hr = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);
            var error = await Assert.ThrowsAsync<DomainException>(() => service.NameAsync("户籍地址", ItemDataType.C, hr, null));
            Assert.Equal("该部门已发布的目录中没有这一信息项，不能认定为权威来源。", error.Message);
        }
        await using var db = await portal.DbAsync();
        var source = await db.AuthoritativeSources.SingleAsync(s => s.NormalisedName == "户籍地址");
        Assert.Equal(police, source.ProviderDepartmentId);
        var key = source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditRecords.CountAsync(a => a.EntityType == nameof(AuthoritativeSource) && a.EntityId == key) >= 2);
    }
}
