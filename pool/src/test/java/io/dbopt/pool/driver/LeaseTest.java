package io.dbopt.pool.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link Lease#end()} tells the returning thread: when to book a return and when there is nothing to book. */
class LeaseTest {

    @Test
    void anUntimedUnreportedReturnHasNothingToBook() {
        Lease lease = new Lease("conn#1");
        lease.lend(0L, null, null, false);
        assertThat(lease.borrower()).isSameAs(Thread.currentThread());
        assertThat(lease.end()).as("the common return: untimed, not reported, event log off").isEqualTo(-1L);
        assertThat(lease.borrower()).as("the lease ended all the same").isNull();
        assertThat(lease.lends()).isEqualTo(1);
    }

    @Test
    void aTimedReturnGivesWhenItWasLent() {
        Lease lease = new Lease("conn#1");
        lease.lend(12_345L, null, null, false);
        assertThat(lease.end()).isEqualTo(12_345L);
        assertThat(lease.end()).as("a second return").isEqualTo(-1L);
    }

    @Test
    void aReturnReportedAsALeakIsBookedEvenWhenUntimed() {
        Lease lease = new Lease("conn#1");
        lease.lend(0L, null, null, false);
        lease.reportLeak();
        assertThat(lease.end()).isZero();
        assertThat(lease.leakReported()).as("still readable after the end, for the log line").isTrue();
        lease.lend(0L, null, null, false);
        assertThat(lease.leakReported()).as("a new borrow is not reported").isFalse();
        assertThat(lease.end()).isEqualTo(-1L);
    }

    @Test
    void aReturnLentWhileTheEventLogWasOnIsBooked() {
        Lease lease = new Lease("conn#1");
        lease.lend(0L, null, "tenant-a", true);
        assertThat(lease.tenant()).isEqualTo("tenant-a");
        assertThat(lease.end()).isZero();
        lease.lend(0L, null, null, false);
        assertThat(lease.end()).as("the next borrow, with the log off").isEqualTo(-1L);
    }

    @Test
    void theBorrowerIsTheLendingThreadWhileLentAndNoneOnceReturned() throws Exception {
        Lease lease = new Lease("conn#1");
        assertThat(lease.borrower()).isNull();
        lease.lend(0L, null, null, false);
        assertThat(lease.borrower()).isSameAs(Thread.currentThread());
        lease.end();
        assertThat(lease.borrower()).as("returned: the last borrower is kept, but nobody holds it").isNull();
        Thread other = new Thread(() -> lease.lend(0L, null, "tenant-b", false));
        other.start();
        other.join();
        assertThat(lease.borrower()).isSameAs(other);
        assertThat(lease.tenant()).isEqualTo("tenant-b");
        assertThat(lease.end()).isEqualTo(-1L);
        assertThat(lease.borrower()).isNull();
        lease.lend(0L, null, null, false);
        assertThat(lease.borrower()).isSameAs(Thread.currentThread());
        assertThat(lease.tenant()).as("the tenant of this borrow, not the last one's").isNull();
    }
}
