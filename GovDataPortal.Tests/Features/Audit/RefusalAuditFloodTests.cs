using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The refusal tally under a flood from ever new addresses: bounded, one record a minute for all of them.</summary>
public class RefusalAuditFloodTests
{
    [Fact]
    public void Once_the_table_is_full_new_callers_share_one_tally_written_once_a_minute()
    {
        var clock = new SettableClock(PortalFixture.Start);
        var audit = new RefusalAudit(clock, NullLogger<RefusalAudit>.Instance);
        for (var i = 0; i <= 10_000; i++) Assert.Equal(0, audit.Admit($"ip:10.{i / 65536}.{i / 256 % 256}.{i % 256}"));

        var flood = Enumerable.Range(0, 500).Select(i => audit.Admit($"ip:2001:db8::{i:x}")).ToList();

        Assert.Equal(1, flood.Count(written => written is not null));
        clock.Advance(RefusalAudit.Window);
        Assert.Equal(0, audit.Admit("ip:2001:db8::ffff")); // a minute later the table is pruned: callers stand alone again
        Assert.Null(audit.Admit("ip:2001:db8::ffff"));
    }
}
