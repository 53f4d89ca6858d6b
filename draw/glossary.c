/* SPDX-License-Identifier: MIT */
/* glossary.c - the window's words explained (glossary.h). The stages are
 * the platform model's (docs/MODEL.md 3.3): a user is seeded by the first
 * message that touches a product, engages with chance funnel.engage, may
 * buy, and "shows" by posting a good note about what it bought. */
#include "draw/glossary.h"

#include <string.h>

typedef struct entry {
    const char *term[2], *meaning[2]; /* English, Chinese */
} entry;

static const entry entries[] = {
    {{"not reached", "未触达"},
     {"has not met the product anywhere yet.", "还没有在任何地方接触到这个产品。"}},
    {{"seeded", "种草"},
     {"a note, an ad or a friend's message has put the product in mind.",
      "一篇笔记、一条广告或朋友的消息让人记住了这个产品。"}},
    {{"engaged", "互动"},
     {"took a closer look: liked, saved, commented on or searched for it.",
      "进一步关注：点赞、收藏、评论或搜索了它。"}},
    {{"bought", "已购买"},
     {"bought it, in a store in the app or elsewhere.", "在应用内的店铺或别处买下了它。"}},
    {{"showed", "晒单"},
     {"bought it and posted a good note about it, which friends then see.",
      "买下后发了一篇好评笔记，朋友随后会看到。"}},
    {{"bought again", "复购"},
     {"bought the same product a second time.", "再次购买了同一个产品。"}},
    {{"paid elsewhere", "站外成交"},
     {"the interest began on the platform, but the money was paid in another shop or app: "
      "GMV the platform's stores do not see.",
      "兴趣在平台上产生，钱却付在别的店铺或应用里：平台店铺看不到的成交额。"}},
    {{"GMV", "成交额"}, {"the value of the goods sold, in yuan.", "售出商品的总金额（元）。"}},
    {{"KOC", "KOC"},
     {"key opinion consumer: an ordinary user whose notes their friends trust.",
      "关键意见消费者：笔记受朋友信任的普通用户。"}},
    {{"seeded KOCs", "被种草的KOC"},
     {"the KOCs a brand gave its product to, so that they post about it.",
      "品牌赠送产品、请其发笔记的KOC。"}},
    {{"KOL", "KOL"},
     {"key opinion leader: an account with many followers; a sponsored post reaches many "
      "but is trusted less.",
      "关键意见领袖：粉丝众多的账号；推广笔记触达面广，但信任度较低。"}},
    {{"group chat", "兴趣群聊"},
     {"an interest group chat found on the group-chat square; waiting messages call members "
      "back to the app.",
      "在群聊广场上找到的兴趣群；未读消息会把成员叫回应用。"}},
    {{"circle", "私域圈子"},
     {"a private circle: it cannot be searched for; one joins with a member's invite code.",
      "私密圈子：搜不到，只能凭成员的邀请码加入。"}},
    {{"DAU", "日活"}, {"users who opened the app that day.", "当天打开应用的用户数。"}},
    {{"trust", "信任度"},
     {"how far a user believes what the app shows, from 0 to 1; more ads than a user "
      "tolerates wear it down.",
      "用户对应用所展示内容的相信程度，0到1；广告超过用户的容忍度会消耗它。"}},
    {{"festival", "购物节"},
     {"a shopping festival: people buy more for a few days around it.",
      "购物节：前后几天人们买得更多。"}},
};

size_t cs_glossary_count(void)
{
    return sizeof entries / sizeof entries[0];
}

int cs_glossary_entry(size_t i, const char *lang, const char **term, const char **meaning)
{
    if (i >= cs_glossary_count())
        return -1;
    const int zh = lang && !strncmp(lang, "zh", 2);
    *term = entries[i].term[zh];
    *meaning = entries[i].meaning[zh];
    return 0;
}
