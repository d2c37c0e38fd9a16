using System.Globalization;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>
/// The grant lists of /sharing/grants as xlsx (issue 10 §4: lists export to xlsx), one tab per download: the grants the
/// actor's department uses, those it provides, or (a data authority's reviewer) those of its region — the same scopes
/// and refusals as <see cref="GrantService.ListAsync"/>, every row, newest first, streamed.
/// </summary>
public sealed class GrantExport(IDbContextFactory<PortalDbContext> factory, CurrentActor actor)
{
    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("授权编号", 10), new("共享申请编号", 12), new("数据资源", 30), new("信息资源代码", 22), new("使用部门", 24), new("提供部门", 24),
        new("信息项", 40), new("使用方式", 14), new("共享方式", 24), new("授权依据", 18), new("状态", 10), new("状态理由", 30),
        new("起始日期", 12), new("截止日期", 12), new("使用协议", 18), new("使用次数", 10),
    ];

    public static string SheetName(GrantScope scope) => scope switch
    {
        GrantScope.Using => "我使用的授权",
        GrantScope.Providing => "本部门提供的授权",
        _ => "本区域的授权",
    };

    /// <summary>The tab's grants (only those on <paramref name="entry"/>'s data when the page was opened from a catalogue entry).</summary>
    public async Task<long> ExportAsync(GrantScope scope, Stream output, CancellationToken ct = default, long? entry = null)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能查看共享授权。");
        var supervises = actor.IsInRole(Identity.PortalRoles.AuthorityReviewer);
        await using var db = await factory.CreateDbContextAsync(ct);
        var grants = db.ShareGrants.AsNoTracking();
        grants = scope switch
        {
            GrantScope.Using => grants.Where(g => g.RequesterDepartmentId == mine),
            GrantScope.Providing => grants.Where(g => g.ProviderDepartmentId == mine),
            GrantScope.Region when supervises => await RegionAsync(db, grants, mine, ct),
            _ => throw new AccessDeniedException("只有数据主管部门审核人可以查看本区域的共享授权。"),
        };
        if (entry is { } e) grants = grants.Where(g => g.CatalogueEntryId == e);
        var rows = grants.OrderByDescending(g => g.Id).Select(g => new
        {
            G = g,
            Requester = db.Departments.Where(d => d.Id == g.RequesterDepartmentId).Select(d => d.Name).FirstOrDefault(),
            Provider = db.Departments.Where(d => d.Id == g.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
            Uses = db.GrantUses.Count(u => u.GrantId == g.Id),
        });
        using var sheet = XlsxWriter.Create(output, SheetName(scope), Columns);
        await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var g = r.G;
            sheet.WriteRow(g.Id, g.ShareRequestId, g.ResourceName, g.ResourceCode ?? "", r.Requester ?? "", r.Provider ?? "",
                string.Join("、", g.ItemNames), GrantTexts.OperationNames(g.Operations), GrantTexts.MethodNames(g.Methods),
                SharingTexts.BasisName(g.Basis), SharingTexts.GrantStatusName(g.Status), g.StatusReason ?? "", Day(g.StartDate), Day(g.EndDate),
                g.AgreementReference ?? "", r.Uses);
        }
        return sheet.RowCount;
    }

    private static async Task<IQueryable<ShareGrant>> RegionAsync(PortalDbContext db, IQueryable<ShareGrant> grants, int mine, CancellationToken ct)
    {
        var supervised = await GrantAccess.SupervisedAsync(db, mine, ct);
        return grants.Where(g => supervised.Contains(g.ProviderDepartmentId) || supervised.Contains(g.RequesterDepartmentId));
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
