// The progress line: its text (a pure function, exact strings), and the ProgressBar object driven
// with a fake clock and no ticker thread, then once with its ticker.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "output/progress_bar.hpp"
#include "output/progress_line.hpp"

namespace {

using trailhound::FormatByteAmounts;
using trailhound::FormatEta;
using trailhound::FormatRate;
using trailhound::ProgressBar;
using trailhound::ProgressCounts;
using trailhound::RenderProgressLine;
using namespace std::chrono_literals;

TEST(ProgressLine, AmountsAreDecimalInTheUnitOfTheLarger) {
  EXPECT_EQ(FormatByteAmounts(0, 0), "0 B");
  EXPECT_EQ(FormatByteAmounts(999, 0), "999 B");
  EXPECT_EQ(FormatByteAmounts(1000, 0), "1.0 KB");
  EXPECT_EQ(FormatByteAmounts(999'499, 0), "999 KB");
  EXPECT_EQ(FormatByteAmounts(999'600, 0), "1.0 MB");  // never "1000 KB"
  EXPECT_EQ(FormatByteAmounts(9'960'000, 0), "10 MB");  // never "10.0 MB"
  EXPECT_EQ(FormatByteAmounts(500'000'000, 2'700'000'000), "0.5/2.7 GB");
  EXPECT_EQ(FormatByteAmounts(120'000'000, 450'000'000), "120/450 MB");
  EXPECT_EQ(FormatByteAmounts(512, 900), "512/900 B");
  EXPECT_EQ(FormatRate(850e6), "850 MB/s");
  EXPECT_EQ(FormatRate(1.26e9), "1.3 GB/s");
  EXPECT_EQ(FormatRate(0), "0 B/s");
}

TEST(ProgressLine, EtaIsMinutesSecondsThenHours) {
  EXPECT_EQ(FormatEta(0), "0:00");
  EXPECT_EQ(FormatEta(1.75), "0:02");  // rounded up: never 0:00 before the end
  EXPECT_EQ(FormatEta(59.2), "1:00");
  EXPECT_EQ(FormatEta(754), "12:34");
  EXPECT_EQ(FormatEta(3600), "1:00:00");
  EXPECT_EQ(FormatEta(3725), "1:02:05");
  EXPECT_EQ(FormatEta(100.0 * 3600), ">99h");
  EXPECT_EQ(FormatEta(-1), "-:--");
}

// 45% of 2.7 GB in 1.43 s: 850 MB/s, 1.75 s to go.
const ProgressCounts kMidway{1'215'000'000, 2'700'000'000, 120, 300};
const double kMidwayElapsed = 1.215 / 0.85;

TEST(ProgressLine, FullLineWithABarThatFillsTheWidth) {
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 80),
            "trailhound  45% [======>        ] 1.2/2.7 GB  120/300 files  850 MB/s  ETA 0:02");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 80).size(), 79u);  // the last column stays empty
  // A wide terminal: the bar stops at 30 cells.
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 200),
            "trailhound  45% [=============>                ] 1.2/2.7 GB  120/300 files  850 MB/s  ETA 0:02");
}

TEST(ProgressLine, NarrowTerminalsDropTheBarThenTheRateFilesAndEta) {
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 75),
            "trailhound  45% [====>     ] 1.2/2.7 GB  120/300 files  850 MB/s  ETA 0:02");  // 10 cells: the least
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 74),
            "trailhound  45%  1.2/2.7 GB  120/300 files  850 MB/s  ETA 0:02");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 60), "trailhound  45%  1.2/2.7 GB  120/300 files  ETA 0:02");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 40), "trailhound  45%  1.2/2.7 GB  ETA 0:02");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 30), "trailhound  45%  1.2/2.7 GB");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 12), "trailhound ");
  EXPECT_EQ(RenderProgressLine(kMidway, kMidwayElapsed, 1), "");
  for (size_t width = 1; width < 120; ++width) {
    EXPECT_LT(RenderProgressLine(kMidway, kMidwayElapsed, width).size(), width) << width;
  }
}

TEST(ProgressLine, UnknownTotalShowsBytesFilesAndRateOnly) {
  // Standard input: no total, so no percent, bar or ETA.
  EXPECT_EQ(RenderProgressLine({1'200'000'000, 0, 0, 1}, 2.0, 80), "trailhound  1.2 GB  0/1 files  600 MB/s");
  EXPECT_EQ(RenderProgressLine({1'200'000'000, 0, 4, 0}, 2.0, 80), "trailhound  1.2 GB  4 files  600 MB/s");
}

TEST(ProgressLine, TheEndAndBeyond) {
  EXPECT_EQ(RenderProgressLine({2'700'000'000, 2'700'000'000, 300, 300}, 3.0, 80),
            "trailhound 100% [===============] 2.7/2.7 GB  300/300 files  900 MB/s  ETA 0:00");
  // A file that grew while it was read: 100%, not more, and no negative ETA.
  EXPECT_EQ(RenderProgressLine({2'800'000'000, 2'700'000'000, 299, 300}, 3.5, 80),
            "trailhound 100% [===============] 2.8/2.7 GB  299/300 files  800 MB/s  ETA 0:00");
  // 99.9% is not 100%.
  EXPECT_EQ(RenderProgressLine({2'699'000'000, 2'700'000'000, 299, 300}, 3.0, 30), "trailhound  99%  2.7/2.7 GB");
  // Early on: the done counts are padded to the totals' width and the rate to 8, so the bar keeps
  // its width as they grow.
  EXPECT_EQ(RenderProgressLine({5'000'000, 2'700'000'000, 7, 300}, 1.0, 80),
            "trailhound   0% [>              ] 0.0/2.7 GB    7/300 files  5.0 MB/s  ETA 8:59");
  EXPECT_EQ(RenderProgressLine({30'000'000, 270'000'000, 7, 300}, 1.0, 80),
            "trailhound  11% [=>             ]  30/270 MB    7/300 files   30 MB/s  ETA 0:08");
  // Nothing read yet (the bar never draws this early, but the text is defined).
  EXPECT_EQ(RenderProgressLine({0, 2'700'000'000, 0, 300}, 0.0, 80),
            "trailhound   0% [>                        ] 0.0/2.7 GB    0/300 files  ETA -:--");
}

// A ProgressBar on a fake clock, writing into a string, drawn only by Tick().
struct FakeTerminal {
  ProgressBar::Clock::time_point t0{};
  ProgressBar::Clock::time_point now{};
  std::string out;
  ProgressBar::Config Config() {
    ProgressBar::Config c;
    c.now = [this] { return now; };
    c.write = [this](std::string_view s) { out += s; };
    c.width = [] { return size_t{80}; };
    c.ticker = false;
    return c;
  }
};

TEST(ProgressBar, SilentForHalfASecondThenAtMostTenTimesASecondThenErased) {
  FakeTerminal term;
  ProgressBar bar(term.Config());
  bar.Start(2'400'000'000, 300);
  // Worker threads add concurrently.
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&bar] {
      for (int i = 0; i < 30; ++i) {
        bar.AddBytes(10'000'000);
        bar.FileDone();
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(bar.counts().bytes_done, 1'200'000'000u);
  EXPECT_EQ(bar.counts().files_done, 120u);

  term.now = term.t0 + 499ms;
  bar.Tick();
  EXPECT_EQ(term.out, "");  // short runs stay silent

  term.now = term.t0 + 1500ms;  // 1.2 GB in 1.5 s: 800 MB/s, 1.5 s to go
  bar.Tick();
  EXPECT_EQ(term.out, "\rtrailhound  50% [=======>       ] 1.2/2.4 GB  120/300 files  800 MB/s  ETA 0:02\x1b[K");

  term.out.clear();
  bar.AddBytes(400'000'000);
  term.now += 99ms;
  bar.Tick();
  EXPECT_EQ(term.out, "");  // too soon
  term.now += 1ms;
  bar.Tick();
  EXPECT_EQ(term.out, "\rtrailhound  66% [==========>    ] 1.6/2.4 GB  120/300 files  1.0 GB/s  ETA 0:01\x1b[K");

  term.out.clear();
  bar.Finish();
  EXPECT_EQ(term.out, "\r\x1b[K");  // the summary that follows starts on a clean line
  bar.Finish();
  term.now += 1s;
  bar.Tick();
  EXPECT_EQ(term.out, "\r\x1b[K");  // nothing after Finish
}

TEST(ProgressBar, AShortRunWritesNothingAtAll) {
  FakeTerminal term;
  {
    ProgressBar bar(term.Config());
    bar.Start(1000, 1);
    bar.AddBytes(1000);
    bar.FileDone();
    term.now = term.t0 + 300ms;
    bar.Tick();
    bar.Finish();
  }
  EXPECT_EQ(term.out, "");
}

TEST(ProgressBar, WithoutStartNothingIsDrawnAndTheDestructorFinishes) {
  FakeTerminal term;
  {
    ProgressBar bar(term.Config());
    term.now = term.t0 + 5s;
    bar.Tick();
  }
  EXPECT_EQ(term.out, "");
  {
    ProgressBar bar(term.Config());
    bar.Start(0, 1);
    bar.AddBytes(3'000'000);
    term.now = term.t0 + 6s;  // 1 s in
    bar.Tick();
    EXPECT_EQ(term.out, "\rtrailhound  3.0 MB  0/1 files  3.0 MB/s\x1b[K");
    term.out.clear();
  }  // no Finish(): the destructor erases the line
  EXPECT_EQ(term.out, "\r\x1b[K");
}

TEST(ProgressBar, TheTickerDrawsAndFinishJoinsIt) {
  std::mutex m;
  std::string out;
  ProgressBar::Config c;
  c.write = [&](std::string_view s) {
    std::lock_guard lock(m);
    out += s;
  };
  c.width = [] { return size_t{80}; };
  c.quiet_start = 0ms;
  c.interval = 1ms;
  ProgressBar bar(c);
  bar.Start(100, 1);
  bar.AddBytes(50);
  for (int i = 0; i < 5000; ++i) {
    {
      std::lock_guard lock(m);
      if (!out.empty()) break;
    }
    std::this_thread::sleep_for(1ms);
  }
  bar.Finish();
  std::lock_guard lock(m);
  EXPECT_EQ(out.rfind("\rtrailhound  50% [", 0), 0u) << out;
  EXPECT_EQ(out.substr(out.size() - 4), "\r\x1b[K");
}

}  // namespace
