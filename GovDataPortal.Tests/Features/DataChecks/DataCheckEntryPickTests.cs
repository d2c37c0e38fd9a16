using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Catalogue;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>A data check names a published catalogue entry of the provider and optionally some of its items (issue 9 §5).</summary>
public class DataCheckEntryPickTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    private async Task<int> MarketAsync() => await portal.DepartmentIdAsync(DemoAccounts.Market);

    private static RaiseDataCheckInput Pick(int provider, long entry, params string[] items) =>
        new(provider, null, "91431123MA4L0000X1", DataCheckKind.Error, "企业住所与营业执照不一致。", entry, items);

    [Fact]
    public async Task A_check_on_a_published_entry_keeps_its_name_code_and_items()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Market, "市场主体登记信息", ("统一社会信用代码", ItemDataType.C), ("住所", ItemDataType.C));
        var market = await MarketAsync();

        var choices = await portal.AsAsync("zhangwei", s => s.EntryChoicesAsync(market, "主体"));
        var choice = Assert.Single(choices, c => c.Id == entry);
        Assert.Equal(["统一社会信用代码", "住所"], choice.ItemNames);

        var id = await portal.AsAsync("zhangwei", s => s.RaiseAsync(Pick(market, entry, "住所")));

        var request = await portal.RequestAsync(id);
        Assert.Equal("市场主体登记信息", request.ResourceName);
        Assert.Equal(entry, request.CatalogueEntryId);
        Assert.Equal(choice.ResourceCode, request.ResourceCode);
        Assert.Equal(["住所"], request.ItemNames!);
        var detail = await portal.DetailAsync("zhangwei", id);
        Assert.Equal(["住所"], detail.ItemNames);
    }

    [Fact]
    public async Task An_entry_of_another_provider_or_an_unknown_item_is_refused()
    {
        var police = await portal.PublishedAsync(DemoAccounts.Police, "居民身份证信息", ("公民身份号码", ItemDataType.C));
        var entry = await portal.PublishedAsync(DemoAccounts.Market, "食品经营许可信息", ("许可证编号", ItemDataType.C));
        var market = await MarketAsync();

        var foreign = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("yangfan", s => s.RaiseAsync(Pick(market, police))));
        Assert.Equal("所选目录条目不属于该数据提供部门。", foreign.Errors.ByField[DataCheckFields.CatalogueEntryId].Single());

        var item = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("yangfan", s => s.RaiseAsync(Pick(market, entry, "经营场所"))));
        Assert.Equal("信息项“经营场所”不在所选目录中。", item.Errors.ByField[DataCheckFields.ItemNames].Single());
    }

    [Fact]
    public async Task Free_text_is_refused_once_the_provider_has_published_a_catalogue_and_accepted_before()
    {
        var market = await MarketAsync();
        await portal.PublishedAsync(DemoAccounts.Market, "个体工商户登记信息", ("统一社会信用代码", ItemDataType.C));
        var freeText = new RaiseDataCheckInput(market, "个体工商户信息", "92431123MA4L0000X1", DataCheckKind.Error, "经营者姓名有误。");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei", s => s.RaiseAsync(freeText)));
        Assert.Contains("请选择所校核数据所在的目录条目", refused.Errors.ByField[DataCheckFields.CatalogueEntryId].Single());

        // 人社局 has published nothing here: a free-text name is all the requester can give.
        var hr = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);
        var id = await portal.AsAsync("zhangwei", s => s.RaiseAsync(freeText with { ProviderDepartmentId = hr, ResourceName = "社会保险参保信息" }));
        Assert.Equal("社会保险参保信息", (await portal.RequestAsync(id)).ResourceName);
    }
}
