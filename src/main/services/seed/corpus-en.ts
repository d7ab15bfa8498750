import type { LanguageCorpus } from './corpus-types';

/** English sample texts. The product the team supports is an invoicing and bookkeeping service. */
export const CORPUS_EN: LanguageCorpus = {
  topics: {
    login: {
      subjects: ['Cannot log in after password reset', 'Two-factor code not accepted', 'Locked out of my account', 'SSO login loops back to the sign-in page'],
      summary: 'Customer cannot sign in; the two-factor code is rejected after a phone change.',
      openings: [
        'Since this morning I cannot log in anymore. I reset my password twice, but the login page keeps saying the credentials are wrong.',
        'I got a new phone and now the two-factor code from the authenticator app is never accepted. I am completely locked out and have invoices to send today.',
      ],
      replies: [
        'Sorry for the trouble! I have reset the two-factor setup on your account. Next time you sign in you can scan a new QR code:\n\n1. Go to the sign-in page and enter your email and password\n2. Scan the code with your authenticator app\n3. Enter the six-digit code to confirm\n\nLet me know if it still fails.',
        'Thanks for the details. Your account was locked after five failed attempts; I have unlocked it. If you use single sign-on, please sign in through **Sign in with your company account** instead of the password form.',
      ],
    },
    billing: {
      subjects: ['Invoice shows the wrong VAT rate', 'Charged twice this month', 'Request for a refund', 'Change our billing address'],
      summary: 'Customer reports a billing error on the latest subscription invoice.',
      openings: [
        'Our latest invoice from you charges 21% VAT, but we are a registered business in another EU country and should be reverse-charged. Can you correct the invoice?',
        'My credit card was charged twice for the same month. Could you check this and refund the duplicate payment?',
      ],
      replies: [
        'You are right, the VAT number on your account had not been validated. I have validated it and issued a credit note; the corrected invoice is available under **Settings → Billing → Invoices**.',
        'I can see the duplicate charge. I have started a refund of the second payment; depending on your bank it shows up within 5–10 working days.',
      ],
    },
    export: {
      subjects: ['CSV export has broken characters', 'Export to Excel times out', 'Yearly report export is empty', 'Need all invoices of 2024 as PDF'],
      summary: 'Customer has problems exporting data (encoding or timeout).',
      openings: [
        'When I export our customer list to CSV and open it in Excel, all accented characters turn into strange symbols. Names like Müller become MÃ¼ller.',
        'The yearly export of all transactions runs for a few minutes and then stops with "Something went wrong". Our accountant needs it this week.',
      ],
      replies: [
        'Excel assumes an old encoding when it opens CSV files. Please choose **Export → CSV (Excel compatible)**, which adds the marker Excel needs, or import the file through **Data → From Text/CSV** and pick UTF-8.',
        'Large exports now run in the background. Start the export again and you will get an email with a download link as soon as it is ready, usually within 15 minutes.',
      ],
    },
    integration: {
      subjects: ['API returns 401 since yesterday', 'Webhooks stopped arriving', 'Sync with QuickBooks fails', 'Xero integration duplicates contacts'],
      summary: 'Customer integration fails: API calls are rejected or webhooks do not arrive.',
      openings: [
        'Our integration has been getting 401 Unauthorized on every API call since yesterday afternoon. We did not change anything on our side.',
        'The webhook for paid invoices no longer reaches our endpoint. The last delivery we received was three days ago.',
      ],
      replies: [
        'API keys created before last month expired on the 1st. Please create a new key under **Settings → Developers → API keys** and replace it in your integration; old keys cannot be extended.',
        'Our logs show your endpoint answered with a timeout several times in a row, so the webhook was paused automatically. I have re-enabled it; you can see every delivery attempt under **Developers → Webhooks**.',
      ],
    },
    performance: {
      subjects: ['Dashboard takes a minute to load', 'Everything is very slow today', 'Reports time out', 'Search is slow with many invoices'],
      summary: 'Customer reports slow pages or time-outs; needs investigation of the account size.',
      openings: [
        'The dashboard has been very slow for about a week. It takes almost a minute before the charts appear, and sometimes it does not load at all.',
        'Opening the reports page times out for everyone in our office. Other pages are fine.',
      ],
      replies: [
        'Thank you for reporting this. Your account has a very large number of open invoices, which makes one of the dashboard charts slow. We are looking into it; in the meantime you can hide that chart with the cog icon.',
        'We had a slow database node in your region between 09:10 and 10:40 this morning. It has been replaced and pages should load normally again. Sorry for the disruption.',
      ],
    },
    bug: {
      subjects: ['Error 500 when saving an invoice', 'Save button does nothing', 'Totals are rounded wrongly', 'Discount disappears after editing'],
      summary: 'Customer hits an error when saving; looks like a product defect.',
      openings: [
        'When I try to save an invoice with more than 20 lines I get "Error 500 – internal error". Smaller invoices save fine.',
        'If I add a discount to an invoice, save it, and then edit a line, the discount is gone. This has happened with several invoices now.',
      ],
      replies: [
        'I could reproduce this on a test account, thank you for the clear steps. I have passed it to our specialists with your example; until it is fixed you can split the invoice into two.',
        'Thank you, this is a bug on our side. Our developers have a fix ready and it will be part of the next release. I will let you know as soon as it is live.',
      ],
    },
    mobile: {
      subjects: ['App crashes on startup (Android)', 'iPhone app does not sync', 'Push notifications stopped', 'Cannot scan receipts in the app'],
      summary: 'Mobile app problem: crashes or does not sync after an update.',
      openings: [
        'Since the last update the Android app closes immediately after I open it. I already reinstalled it.',
        'Receipts I scan on my iPhone never show up in the web app. The app says "waiting to sync" forever.',
      ],
      replies: [
        'Thanks for letting us know. Version 5.3.1 of the app, released today, fixes a crash on some Android devices. Please update through the Play Store and let me know if it still happens.',
        'Please open the app, go to **Settings → Account**, sign out and sign in again. That restarts the sync; your scanned receipts stay on the phone until they are uploaded.',
      ],
    },
    users: {
      subjects: ['Add a new colleague to our account', 'Remove a user who left', 'Give our accountant read-only access', 'Change the account owner'],
      summary: 'Customer asks for a change to users or permissions on their account.',
      openings: [
        'A colleague has left the company. Can you remove her access? I cannot find how to do it myself.',
        'Our external accountant needs to see our invoices but must not change anything. Which role should I give him?',
      ],
      replies: [
        'Account owners can manage users under **Settings → Team**. Click the user and choose **Remove from account**; their invoices and history stay in the account.',
        'The **Accountant (read-only)** role fits: it can see and export everything but cannot create or change invoices. You can invite him from **Settings → Team → Invite**.',
      ],
    },
    onboarding: {
      subjects: ['How do I import my existing customers?', 'Question about setting up invoice numbering', 'Getting started: first steps', 'Training for our new team'],
      summary: 'New customer has questions while setting up their account.',
      openings: [
        'We just started with your product. Is there a way to import our existing customers from our old system instead of typing them in?',
        'How can I make invoice numbers continue from our previous system? The next number should be 2024-1187.',
      ],
      replies: [
        'Welcome! You can import customers from a CSV or Excel file under **Customers → Import**. Download the template there, fill it in, and the import checks every row before anything is saved.',
        'Under **Settings → Invoices → Numbering** you can set the prefix and the next number. Changes apply to the next invoice you create.',
      ],
    },
    privacy: {
      subjects: ['Request to delete my personal data', 'Where is our data stored?', 'Data processing agreement needed', 'Export all data about me'],
      summary: 'Privacy request (GDPR): deletion, export or data processing agreement.',
      openings: [
        'Under the GDPR I would like all my personal data deleted from your systems. Please confirm when this is done.',
        'Our legal department asks for a signed data processing agreement and a list of sub-processors. Can you send these?',
      ],
      replies: [
        'We have received your request. To protect your data we first need to confirm it is really you: please reply from the email address on the account. We complete deletions within 30 days.',
        'You can download our data processing agreement, already signed by us, from **Settings → Legal**. The list of sub-processors is on our website under Trust.',
      ],
    },
  },
  details: [
    'It started after yesterday\'s update.',
    'Three colleagues have the same problem.',
    'We are on the Business plan.',
    'I tried in Chrome and in Firefox.',
    'This is quite urgent for us.',
    'I have attached a screenshot.',
    'It worked fine last week.',
    'Our office is in a different time zone, so email is easiest.',
  ],
  subjectSuffixes: ['', '', '', '', ' (urgent)', ' – again', ' - follow-up', ' [ref. 4471]'],
  customerGreetings: ['Hello,', 'Hi,', 'Hi support team,', 'Good morning,', 'Dear support,'],
  customerSignoffs: ['Thanks,', 'Kind regards,', 'Best,', 'Thank you in advance,', 'Cheers,'],
  customerFollowUps: [
    'Thanks for the quick answer. I tried that, but it still does not work.',
    'I have done what you suggested. The problem is gone on my laptop but not for my colleague.',
    'Any news on this? We are still waiting.',
    'Here is the information you asked for. The error happened at around 14:20.',
    'Can you call me? It is easier to explain by phone.',
    'Sorry for the late reply, I was away for a few days. The problem is still there.',
    'It happened again this morning, same error as before.',
  ],
  customerThanks: [
    'That did the trick, thank you!',
    'It works again. Thanks for your help.',
    'Great, all sorted. Have a nice day!',
    'Perfect, thanks a lot.',
  ],
  agentGreeting: 'Hi',
  agentSignoffs: ['Best regards,', 'Kind regards,', 'Thanks,', 'Have a great day,'],
  agentFollowUps: [
    'Thanks for checking. Could you send me a screenshot of the error and the time it happened? Then I can look it up in our logs.',
    'I have looked into it further and found the cause. Please try again now.',
    'I have asked a colleague from our specialist team to take a look. I will update you as soon as I hear back.',
    'Could you tell me which browser and version you use? You can find it under **Help → About**.',
    'We are still working on this. Thank you for your patience.',
  ],
  agentHandOvers: [
    'Thanks for the details. This needs one of our specialists, so I have passed your ticket on to them; they will get back to you.',
    'I could not solve this from the helpdesk, so I have handed it to our specialist team with everything you sent. You will hear from them soon.',
  ],
  agentPending: [
    'Could you let me know whether this works for you? I will keep the ticket open until I hear from you.',
    'To continue I need the invoice number and the exact error message. Could you send those?',
    'Please try the steps above and reply to this email with the result.',
  ],
  agentSolved: [
    'Glad to hear it works again! I will close this ticket now; just reply if anything comes up.',
    'The fix is live for all accounts. I am marking this ticket as solved.',
    'I have made the change on your account. You should see it right away.',
  ],
  notes: [
    'Checked the logs: the errors started after the deploy of 14:00.',
    'Customer is a key account, please handle with priority.',
    'Same issue as the ticket from last week; linked both.',
    'Tried to reproduce on staging, could not reproduce yet.',
    'Called the customer, no answer. Will try again tomorrow morning.',
    'Known issue, fix planned for the next release.',
    'Account has an open invoice; billing informed.',
  ],
  escalations: {
    L2: ['Escalating to L2: needs a specialist for this configuration.', 'L1 steps done (cache, other browser, reset). Escalating to L2.'],
    L3: ['Escalating to L3: reproduced, looks like a data problem in the account.', 'Needs an expert: logs attached, not solvable with L2 tools.'],
    L4: ['Escalating to L4 (development): confirmed product bug, steps to reproduce above.', 'Handing over to development: reproducible on the latest release.'],
  },
  phoneNotePrefix: 'Phone call:',
  missedCallNotes: ['', 'No voicemail left.', 'Voicemail: asks to be called back about an invoice.', 'Voicemail: question about the login, call back after 14:00.'],
};
