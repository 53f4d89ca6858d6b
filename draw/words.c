/* SPDX-License-Identifier: MIT */
/* words.c - the window's words in Chinese (words.h). Terms follow the
 * platform's own Chinese usage (种草, 晒单, 复购, 站外) and the glossary. */
#include "draw/words.h"

#include <string.h>

static const char *const zh[][2] = {
    /* the funnel's stages */
    {"not on the platform", "未注册"},
    {"not reached", "未触达"},
    {"seeded", "种草"},
    {"engaged", "互动"},
    {"bought", "已购买"},
    {"showed", "晒单"},
    {"bought again", "复购"},
    {"paid elsewhere", "站外成交"},
    /* panels and legends */
    {"Funnel and GMV by channel, so far", "漏斗与各渠道成交额（累计）"},
    {"Funnel, and the brand's sales by channel, so far", "漏斗与品牌各渠道销售额（累计）"},
    {"No sales yet.", "尚无销售。"},
    {"This model has no sales channels.", "该模型没有销售渠道。"},
    {"yuan (%.0f%%)", "元（%.0f%%）"},
    {"(%.1f%% of %s)", "（%.1f%%，以%s为基数）"},
    {"KOL", "KOL"},
    {"KOC", "KOC"},
    {"group or circle owner", "群主或圈主"},
    {"group chat", "兴趣群聊"},
    {"circle", "私域圈子"},
    {"sold today", "今日成交"},
    {"highlighted", "突出显示"},
    {"Step %d of %d", "第 %d 步（共 %d 步）"},
    {"this run", "本次运行"},
    {"the run before", "上一次运行"},
    {"%d runs before", "前第 %d 次运行"},
    {", run before", "（上一次）"},
    {"days", "天"},
    {"yuan", "元"},
    {"festival", "购物节"},
    {"GMV per day", "每日成交额"},
    {"GMV so far", "累计成交额"},
    {"Opened the app", "打开应用的用户"},
    {"opened the app", "打开应用"},
    {"Reached so far", "累计触达"},
    {"users per day", "人/天"},
    {"users", "人"},
    {"orders × price", "订单 × 价格"},
    {"in-app stores", "应用内店铺"},
    {"previous run", "上一次运行"},
    {"previous run, in-app", "上一次运行（应用内）"},
    {"day %lld of %lld  ·  seed %lld  ·  %s model  ·  %s users%s%s",
     "第 %lld 天（共 %lld 天）  ·  种子 %lld  ·  %s 模型  ·  %s 用户%s%s"},
    /* the handout */
    {"Scenario `%s` (seed %lld, %lld days). On screen:\n\n",
     "场景 `%s`（种子 %lld，%lld 天）。屏幕上：\n\n"},
    {"%s- slider: %s (`%s`)\n", "%s- 滑块：%s（`%s`）\n"},
    {"\n**What the model gives** (for the teacher):\n\n| measure | mean | 95%% interval |\n|---|---|---|\n%s",
     "\n**模型给出的结果**（供教师参考）：\n\n| 指标 | 均值 | 95%% 区间 |\n|---|---|---|\n%s"},
    {"\n## Step %zu of %zu\n\n![step %zu](%s)\n\n%s\n",
     "\n## 第 %zu 步（共 %zu 步）\n\n![step %zu](%s)\n\n%s\n"},
    {"\n**Question:** %s\n", "\n**问题：** %s\n"},
    {", total from day 1", "，自第1天起的累计"},
    {"to", "至"},
    {"\nOn day %lld, over %zu seeds: mean and 95%% interval (cut at 0, below which no measure goes). "
     "The picture and its words are the scenario's own seed, one run, so their numbers may lie "
     "outside the interval of the mean.\n",
     "\n第 %lld 天，%zu 个种子：均值与95%%区间（下限截于0，指标不会低于0）。"
     "图片和文字来自场景自己的种子，是一次运行，所以其中的数字可能落在均值的区间之外。\n"},
    {"\n---\nWritten by `circlesim lesson %s --handout %s%s%s`.\n",
     "\n---\n由 `circlesim lesson %s --handout %s%s%s` 生成。\n"},
    {"Words on the screen", "屏幕上的词语"},
    /* the networks */
    {"everyone knows everyone", "人人相识"},
    {"random", "随机"},
    {"scale-free", "无标度"},
    {"small world", "小世界"},
    {"communities", "社群"},
    {"from a file", "来自文件"},
    {"like knows like", "物以类聚"},
    {"Network (%s): %s users", "网络（%s）：%s 用户"},
    {"Network (%s): %s of %s users drawn", "网络（%s）：显示 %s / %s 用户"},
    {"Starting again on a %s network; the run before stays beside it",
     "在%s网络上重新开始；上一次运行留在旁边对照"},
    /* the models */
    {"platform", "平台"},
    {"cascade", "级联"},
    /* the channels */
    {"feed", "信息流"},
    {"kol", "KOL"},
    {"koc", "KOC"},
    {"group", "群聊"},
    {"livestream", "直播"},
    {"dm", "私信"},
};

const char *cs_network_words(int kind)
{
    /* In the order of enum cs_network_kind (scenario.h). */
    static const char *const words[] = {"everyone knows everyone", "random", "scale-free",
                                        "small world", "communities", "from a file",
                                        "like knows like"};
    return kind >= 0 && kind < (int)(sizeof words / sizeof words[0]) ? words[kind] : "?";
}

size_t cs_words_count(void)
{
    return sizeof zh / sizeof zh[0];
}

void cs_words_pair(size_t i, const char **en, const char **chinese)
{
    *en = i < cs_words_count() ? zh[i][0] : NULL;
    *chinese = i < cs_words_count() ? zh[i][1] : NULL;
}

const char *cs_words(const char *lang, const char *en)
{
    if (!lang || strncmp(lang, "zh", 2) != 0 || !en)
        return en;
    for (size_t i = 0; i < sizeof zh / sizeof zh[0]; i++)
        if (!strcmp(zh[i][0], en))
            return zh[i][1];
    return en;
}
